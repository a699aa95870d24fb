/**
 * What a conversation image shows, from the query of `GET /s/:code/image.png`:
 * `from` and `to` are positions in the shared branch (1-based, both included; one alone
 * means that message only), `theme` is `light` or `dark`, `lang` the language of its labels
 * (`en` or `de`, as the page's), `part` the image of several (1-based). Without `from` and `to` it is the first exchange (the first question and the
 * answer to it). Anything else is `image_range_invalid` with the range allowed.
 */
import { createHash } from 'node:crypto';
import { errors, shareUrl, type Snapshot } from '@chatshare/core';
import { firstExchange, instanceNameOf } from './card-data.js';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../views/i18n.js';
import { IMAGE_THEMES, type ImageTheme } from './conversation-palette.js';

/** Messages one image request may choose: bounds the drawing one request can ask for. */
export const MAX_MESSAGES_PER_IMAGE = 50;
/** Bumped when the image's layout changes, so images cached on disk are drawn again. */
export const IMAGE_REVISION = 1;

export interface ImageQuery {
  from?: string | string[];
  to?: string | string[];
  theme?: string | string[];
  lang?: string | string[];
  part?: string | string[];
  v?: string | string[];
}

/** `from`/`to` as asked: `null` for the default (the first exchange, known once the snapshot is read). */
export interface ImageSelection {
  range: { from: number; to: number } | null;
  theme: ImageTheme;
  locale: Locale;
  part: number;
}

export interface AllowedRange {
  first: number;
  last: number;
  maxPerImage: number;
  /** How many images the chosen messages take, when the asked-for part was past them. */
  parts?: number;
}

export const allowedRange = (messageCount: number): AllowedRange => ({
  first: 1,
  last: messageCount,
  maxPerImage: MAX_MESSAGES_PER_IMAGE,
});

export const rangeError = (details: AllowedRange, message?: string) =>
  errors.imageRangeInvalid(
    message ?? `Choose messages ${details.first} to ${details.last}, at most ${details.maxPerImage} at a time.`,
    details,
  );

const POSITIVE = /^[1-9]\d{0,5}$/;

/** A single value, or undefined; a repeated parameter is not a value. */
function single(value: string | string[] | undefined, details: AllowedRange, name: string): string | undefined {
  if (Array.isArray(value)) throw rangeError(details, `Give "${name}" once.`);
  return value;
}

function position(value: string | undefined, details: AllowedRange, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!POSITIVE.test(value)) throw rangeError(details, `"${name}" must be a message position (1 to ${details.last}).`);
  return Number(value);
}

/**
 * Reads and checks the query against a share of `messageCount` messages.
 * @example imageSelection({ from: '3', to: '4', theme: 'dark' }, 10) // { range: { from: 3, to: 4 }, theme: 'dark', locale: 'en', part: 1 }
 */
export function imageSelection(query: ImageQuery, messageCount: number): ImageSelection {
  const details = allowedRange(messageCount);
  const from = position(single(query.from, details, 'from'), details, 'from');
  const to = position(single(query.to, details, 'to'), details, 'to');
  const theme = single(query.theme, details, 'theme') ?? 'light';
  const part = position(single(query.part, details, 'part'), details, 'part') ?? 1;
  const locale = single(query.lang, details, 'lang') ?? DEFAULT_LOCALE;
  if (!(IMAGE_THEMES as readonly string[]).includes(theme)) throw rangeError(details, '"theme" is light or dark.');
  if (!(LOCALES as readonly string[]).includes(locale))
    throw rangeError(details, `"lang" is one of ${LOCALES.join(', ')}.`);
  let range: ImageSelection['range'] = null;
  if (from !== undefined || to !== undefined) {
    range = { from: from ?? to!, to: to ?? from! };
    const count = range.to - range.from + 1;
    if (range.to > messageCount || count < 1 || count > MAX_MESSAGES_PER_IMAGE) throw rangeError(details);
  }
  return { range, theme: theme as ImageTheme, locale: locale as Locale, part };
}

/** The first exchange's positions; the first message when there is no question with an answer. */
export function defaultRange(snapshot: Snapshot): { from: number; to: number } {
  const { user, assistant } = firstExchange(snapshot);
  const from = user ? snapshot.messages.indexOf(user) + 1 : 1;
  const to = assistant ? snapshot.messages.indexOf(assistant) + 1 : from;
  return { from, to: Math.min(to, from + MAX_MESSAGES_PER_IMAGE - 1) };
}

/** The cache name of the selection (its group in the image store): safe for a file name. */
export const selectionKey = (selection: ImageSelection): string =>
  `${selection.range ? `${selection.range.from}-${selection.range.to}` : 'first'}-${selection.theme}-${selection.locale}-p${selection.part}`;

/**
 * The version of a share's conversation images, as `imageVersion` is for its card: the
 * snapshot version and a hash of the title, the instance and the layout revision.
 * @example conversationImageVersion(share, 'chat.example.com') // '3-9b1e04c2'
 */
export const conversationImageVersion = (
  share: { snapshotVersion: number; title: string },
  instanceName: string,
): string =>
  `${share.snapshotVersion}-${createHash('sha256')
    .update(JSON.stringify([share.title, instanceName, IMAGE_REVISION]))
    .digest('hex')
    .slice(0, 8)}`;

export interface ShareImageLink {
  from?: number;
  to?: number;
  theme?: ImageTheme;
  lang?: Locale;
  part?: number;
}

/**
 * The address of a share's image, with the version that lets caches keep it for a day.
 * @example shareImageUrl('https://chat.example.com', share) // 'https://chat.example.com/s/AbC…/image.png?v=3-9b1e04c2'
 */
export function shareImageUrl(
  publicUrl: string,
  share: { code: string; snapshotVersion: number; title: string },
  link: ShareImageLink = {},
): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(link) as [string, string | number | undefined][]) {
    if (value !== undefined) query.set(name, String(value));
  }
  query.set('v', conversationImageVersion(share, instanceNameOf(publicUrl)));
  return `${shareUrl(publicUrl, share.code)}/image.png?${query}`;
}
