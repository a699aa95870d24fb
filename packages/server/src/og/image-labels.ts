/**
 * The words a conversation image draws besides the conversation, in the page's language:
 * role names and notes come from the page's own strings (views/i18n.ts), so the image calls
 * things what the page calls them; the two only an image needs are here, in English and German.
 */
import type { SharedMessage } from '@chatshare/core';
import { translator, type Locale } from '../views/i18n.js';

const IMAGE_STRINGS: Record<Locale, { continued: string; part: (part: number, parts: number) => string }> = {
  en: { continued: '(continued)', part: (part, parts) => `Part ${part} of ${parts}` },
  de: { continued: '(Fortsetzung)', part: (part, parts) => `Teil ${part} von ${parts}` },
};

export interface ImageLabels {
  role: Record<SharedMessage['role'], string>;
  untitled: string;
  continued: string;
  part: (part: number, parts: number) => string;
  toolCall: (name: string) => string;
  toolResult: (name?: string) => string;
  attachment: (name: string) => string;
  image: string;
}

/** @example imageLabels('de').role.assistant // 'Assistent' */
export function imageLabels(locale: Locale): ImageLabels {
  const t = translator(locale);
  return {
    role: { user: t('view.role.user'), assistant: t('view.role.assistant'), tool: t('view.role.tool') },
    untitled: t('view.untitled'),
    continued: IMAGE_STRINGS[locale].continued,
    part: IMAGE_STRINGS[locale].part,
    toolCall: (name) => t('view.toolCall', { name }),
    toolResult: (name) => (name ? t('view.toolResultNamed', { name }) : t('view.toolResult')),
    attachment: (name) => t('view.attachment', { name }),
    image: t('view.imageMissing'),
  };
}
