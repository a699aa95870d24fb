/**
 * Strings of the /publish page, in English and German (same keys, checked by a test). They
 * join the app's namespace; the page also uses the app's `auth.*` and `common.*` strings.
 */
const en = {
  'publish.title': 'Publish a conversation',
  'publish.loading': 'Loading…',
  'publish.waiting': 'Waiting for the conversation from the page that opened this one…',
  'publish.noOpener':
    'This page receives a conversation from another chatshare site. Open it with “Publish to community” in the share dialog of that site.',
  'publish.silent':
    'Nothing has arrived from the page that opened this one. Go back to it and choose “Publish to community” again.',
  'publish.refused': '{{host}} does not accept conversations from {{origin}}. Nothing was received.',
  'publish.unreadable': 'What {{origin}} sent is not a conversation that can be published here.',
  'publish.configFailed': 'This page could not load its settings. Go back and try again.',
  'publish.openwebui.noOpener':
    'This page receives a chat from Open WebUI. Open it from the chat’s Share dialog in Open WebUI, with this site as its community.',
  'publish.openwebui.silent':
    'Nothing has arrived from the Open WebUI page that opened this one. Go back to it and share the chat again.',
  'publish.models': 'Models',
  'publish.reason.too_large': 'It is too large.',
  'publish.reason.not_json': 'It is not JSON.',
  'publish.reason.no_chat': 'It holds no chat.',
  'publish.reason.not_openwebui': 'Its chat is not in Open WebUI’s format.',
  'publish.reason.unreadable': 'Its chat cannot be read:',
  'publish.reason.no_messages': 'Its chat has no messages that could be shown.',
  'publish.secrets_one': '{{count}} possible secret would be published:',
  'publish.secrets_other': '{{count}} possible secrets would be published:',
  'publish.secretInTitle': 'in the title',
  'publish.secretInMessage': 'in message {{number}}',
  'publish.redact': 'Replace possible secrets before publishing',
  'publish.from': 'Sent from',
  'publish.notSaved': 'Nothing is saved on {{host}} until you press Publish. Check the conversation below first.',
  'publish.openSharingOff': 'This site allows only private links, so nothing can be published here.',
  'publish.account': 'Your account on {{host}}',
  'publish.signedInAs': 'Signed in as {{email}}.',
  'publish.signOut': 'Sign out',
  'publish.signInFirst':
    'Sign in or create an account on {{host}} to publish. The conversation stays on this page meanwhile.',
  'publish.toSignup': 'No account yet? Create one',
  'publish.toSignin': 'Have an account? Sign in',
  'publish.settings': 'How it is published',
  'publish.titleLabel': 'Title',
  'publish.showAuthor': 'Show my name',
  'publish.showAuthorNamed': 'Your name ({{name}}) and the author names in the conversation appear on the page.',
  'publish.showAuthorUnnamed': 'The author names in the conversation appear on the page (your account has no name).',
  'publish.showAuthorSignedOut': 'Your account’s name and the author names in the conversation appear on the page.',
  'publish.public': 'Published conversations are public: anyone can open and find them on this site.',
  'publish.submit': 'Publish',
  'publish.publishing': 'Publishing…',
  'publish.preview': 'Preview',
  'publish.published': 'Published. Anyone can open it at this address:',
  'publish.open': 'Open',
  'publish.error.community_origin_not_allowed': 'This site does not accept conversations from {{origin}}.',
  'publish.error.open_sharing_disabled': 'This site allows only private links, so nothing can be published here.',
} as const;

const de: Record<keyof typeof en, string> = {
  'publish.title': 'Eine Unterhaltung veröffentlichen',
  'publish.loading': 'Wird geladen…',
  'publish.waiting': 'Warte auf die Unterhaltung von der Seite, die diese geöffnet hat…',
  'publish.noOpener':
    'Diese Seite empfängt eine Unterhaltung von einer anderen chatshare-Seite. Öffne sie dort im Teilen-Dialog mit „In der Community veröffentlichen“.',
  'publish.silent':
    'Von der Seite, die diese geöffnet hat, ist nichts angekommen. Geh zurück und wähle noch einmal „In der Community veröffentlichen“.',
  'publish.refused': '{{host}} nimmt keine Unterhaltungen von {{origin}} an. Es wurde nichts empfangen.',
  'publish.unreadable': 'Was {{origin}} gesendet hat, ist keine Unterhaltung, die hier veröffentlicht werden kann.',
  'publish.configFailed': 'Diese Seite konnte ihre Einstellungen nicht laden. Geh zurück und versuche es noch einmal.',
  'publish.openwebui.noOpener':
    'Diese Seite empfängt einen Chat aus Open WebUI. Öffne sie dort im Teilen-Dialog des Chats, mit dieser Seite als Community.',
  'publish.openwebui.silent':
    'Von der Open-WebUI-Seite, die diese geöffnet hat, ist nichts angekommen. Geh zurück und teile den Chat noch einmal.',
  'publish.models': 'Modelle',
  'publish.reason.too_large': 'Es ist zu groß.',
  'publish.reason.not_json': 'Es ist kein JSON.',
  'publish.reason.no_chat': 'Es enthält keinen Chat.',
  'publish.reason.not_openwebui': 'Sein Chat ist nicht im Format von Open WebUI.',
  'publish.reason.unreadable': 'Sein Chat kann nicht gelesen werden:',
  'publish.reason.no_messages': 'Sein Chat hat keine Nachrichten, die sich zeigen ließen.',
  'publish.secrets_one': '{{count}} mögliches Geheimnis würde veröffentlicht:',
  'publish.secrets_other': '{{count}} mögliche Geheimnisse würden veröffentlicht:',
  'publish.secretInTitle': 'im Titel',
  'publish.secretInMessage': 'in Nachricht {{number}}',
  'publish.redact': 'Mögliche Geheimnisse vor dem Veröffentlichen ersetzen',
  'publish.from': 'Gesendet von',
  'publish.notSaved':
    'Auf {{host}} wird nichts gespeichert, bevor du auf Veröffentlichen drückst. Prüfe zuerst die Unterhaltung unten.',
  'publish.openSharingOff': 'Diese Seite erlaubt nur private Links, daher kann hier nichts veröffentlicht werden.',
  'publish.account': 'Dein Konto auf {{host}}',
  'publish.signedInAs': 'Angemeldet als {{email}}.',
  'publish.signOut': 'Abmelden',
  'publish.signInFirst':
    'Melde dich auf {{host}} an oder erstelle ein Konto, um zu veröffentlichen. Die Unterhaltung bleibt so lange auf dieser Seite.',
  'publish.toSignup': 'Noch kein Konto? Erstelle eines',
  'publish.toSignin': 'Schon ein Konto? Melde dich an',
  'publish.settings': 'Wie sie veröffentlicht wird',
  'publish.titleLabel': 'Titel',
  'publish.showAuthor': 'Meinen Namen zeigen',
  'publish.showAuthorNamed':
    'Dein Name ({{name}}) und die Namen der Verfasser in der Unterhaltung stehen auf der Seite.',
  'publish.showAuthorUnnamed':
    'Die Namen der Verfasser in der Unterhaltung stehen auf der Seite (dein Konto hat keinen Namen).',
  'publish.showAuthorSignedOut':
    'Der Name deines Kontos und die Namen der Verfasser in der Unterhaltung stehen auf der Seite.',
  'publish.public':
    'Veröffentlichte Unterhaltungen sind öffentlich: Alle können sie auf dieser Seite öffnen und finden.',
  'publish.submit': 'Veröffentlichen',
  'publish.publishing': 'Wird veröffentlicht…',
  'publish.preview': 'Vorschau',
  'publish.published': 'Veröffentlicht. Alle können sie unter dieser Adresse öffnen:',
  'publish.open': 'Öffnen',
  'publish.error.community_origin_not_allowed': 'Diese Seite nimmt keine Unterhaltungen von {{origin}} an.',
  'publish.error.open_sharing_disabled':
    'Diese Seite erlaubt nur private Links, daher kann hier nichts veröffentlicht werden.',
};

export const PUBLISH_STRINGS = { en, de } as const;
