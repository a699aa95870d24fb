/**
 * Every string ConversationView shows, in English and German, as i18next-style resources
 * (`{{name}}` interpolation, `_one` / `_other` plurals). Apps pass their own `t`; without
 * one the view speaks English.
 */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export const VIEW_STRINGS = {
  en: {
    'view.role.user': 'You',
    'view.role.assistant': 'Assistant',
    'view.role.tool': 'Tool',
    'view.untitled': 'Untitled conversation',
    'view.messageCount_one': '{{count}} message',
    'view.messageCount_other': '{{count}} messages',
    'view.sharedOn': 'Shared on {{date}}',
    'view.sharedBy': 'Shared by {{name}}',
    'view.sharedByOn': 'Shared by {{name}} on {{date}}',
    'view.notShared': 'messages after this were not shared',
    'view.live': 'live link: this link shows the conversation as it is now',
    'view.changedOn': 'Last changed on {{date}}',
    'view.messages': 'Messages',
    'view.reasoning': 'Reasoning',
    'view.toolCall': 'Tool call: {{name}}',
    'view.toolResult': 'Tool result',
    'view.toolResultNamed': 'Tool result: {{name}}',
    'view.attachment': 'Not included in this share: {{name}}',
    'view.imageMissing': 'Image not included',
    'view.remoteImage': 'Image (not loaded): {{label}}',
    'view.incomplete': 'This reply was not finished.',
    'view.copy': 'Copy',
    'view.copied': 'Copied',
  },
  de: {
    'view.role.user': 'Du',
    'view.role.assistant': 'Assistent',
    'view.role.tool': 'Werkzeug',
    'view.untitled': 'Unterhaltung ohne Titel',
    'view.messageCount_one': '{{count}} Nachricht',
    'view.messageCount_other': '{{count}} Nachrichten',
    'view.sharedOn': 'Geteilt am {{date}}',
    'view.sharedBy': 'Geteilt von {{name}}',
    'view.sharedByOn': 'Geteilt von {{name}} am {{date}}',
    'view.notShared': 'spätere Nachrichten wurden nicht geteilt',
    'view.live': 'Live-Link: dieser Link zeigt die Unterhaltung, wie sie jetzt ist',
    'view.changedOn': 'Zuletzt geändert am {{date}}',
    'view.messages': 'Nachrichten',
    'view.reasoning': 'Gedankengang',
    'view.toolCall': 'Werkzeugaufruf: {{name}}',
    'view.toolResult': 'Werkzeugergebnis',
    'view.toolResultNamed': 'Werkzeugergebnis: {{name}}',
    'view.attachment': 'Nicht in dieser Freigabe enthalten: {{name}}',
    'view.imageMissing': 'Bild nicht enthalten',
    'view.remoteImage': 'Bild (nicht geladen): {{label}}',
    'view.incomplete': 'Diese Antwort wurde nicht beendet.',
    'view.copy': 'Kopieren',
    'view.copied': 'Kopiert',
  },
} as const satisfies Record<string, Record<string, string>>;

export type ViewStringKey = keyof (typeof VIEW_STRINGS)['en'];

const english: Record<string, string> = VIEW_STRINGS.en;

/** The English fallback: plural by `count`, then `{{name}}` replaced by `values.name`. */
export const englishT: Translate = (key, values) => {
  const plural = values?.count === undefined ? undefined : english[`${key}_${values.count === 1 ? 'one' : 'other'}`];
  const template = plural ?? english[key] ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (_all, name: string) => String(values?.[name] ?? ''));
};
