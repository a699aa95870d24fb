/**
 * The link preview of a page: the Open Graph, X/Twitter and oEmbed discovery tags in its
 * head. A conversation page describes the conversation; a gate page (password, not found,
 * expired) gets a generic preview built without reading the share's content at all.
 * Lengths follow the platforms' limits (shared/corpora/OG_OEMBED.md): X shows at most 70
 * characters of a title and 200 of a description.
 */
import { shareUrl, type Snapshot } from '@chatshare/core';
import type { LockedCard } from '../og/card.js';
import {
  firstExchange,
  imageVersion,
  instanceNameOf,
  lockedImageVersion,
  messageText,
  shareTitle,
} from '../og/card-data.js';
import { clipAtWord, plainExcerpt } from '../og/excerpt.js';
import { OG_HEIGHT, OG_WIDTH } from '../og/render.js';
import type { ShareRecord } from '../repositories/shares.js';
import { translator, type Locale } from './i18n.js';

export const PREVIEW_LIMITS = { title: 70, description: 200, imageAlt: 420 } as const;
export const THEME_COLOR = '#0b62c4';
export const OG_IMAGE = { width: OG_WIDTH, height: OG_HEIGHT, type: 'image/png' } as const;

const OG_LOCALES: Record<Locale, string> = { en: 'en_US', de: 'de_DE' };

export interface PreviewMeta {
  title: string;
  description: string;
  /** Absolute canonical address of the page. */
  url: string;
  /** Absolute address of the 1200 x 630 PNG. */
  image: string;
  imageAlt: string;
  siteName: string;
  /** `en_US`, `de_DE`. */
  locale: string;
  alternateLocales: string[];
  /** The oEmbed endpoint for this page, when the link may be embedded. */
  oembed: string | null;
}

/** Generic images by kind of locked link; served by routes/pages/og-image.ts. */
export const LOCKED_IMAGES: Record<LockedCard['kind'], string> = {
  password: 'locked-password',
  private: 'locked-private',
  expired: 'expired',
  limited: 'shared',
};

export const ogImageUrl = (publicUrl: string, share: ShareRecord) =>
  `${shareUrl(publicUrl, share.code)}/og.png?v=${imageVersion(share, instanceNameOf(publicUrl))}`;

export const lockedImageUrl = (publicUrl: string, kind: LockedCard['kind']) =>
  `${publicUrl}/og/${LOCKED_IMAGES[kind]}.png?v=${lockedImageVersion(kind, instanceNameOf(publicUrl))}`;

/** The oEmbed request for a share page: the full endpoint with `url` and `format`, nothing else. */
export const oembedUrl = (publicUrl: string, shareUrl: string) =>
  `${publicUrl}/oembed?url=${encodeURIComponent(shareUrl)}&format=json`;

const localesOf = (locale: Locale) => ({
  locale: OG_LOCALES[locale],
  alternateLocales: Object.values(OG_LOCALES).filter((other) => other !== OG_LOCALES[locale]),
});

export interface SharePreviewInput {
  share: ShareRecord;
  snapshot: Snapshot;
  locale: Locale;
  publicUrl: string;
  /** The link may be embedded by anyone (oEmbed discovery is offered). */
  embeddable: boolean;
}

/** The preview of a conversation page: its title, and the first thing the user asked. */
export function sharePreview({ share, snapshot, locale, publicUrl, embeddable }: SharePreviewInput): PreviewMeta {
  const t = translator(locale);
  const title = clipAtWord(shareTitle(share, t('view.untitled')), PREVIEW_LIMITS.title);
  const { user } = firstExchange(snapshot);
  const description = user
    ? plainExcerpt(messageText(user), PREVIEW_LIMITS.description)
    : t('preview.fallbackDescription', { count: snapshot.messages.length });
  const url = shareUrl(publicUrl, share.code);
  return {
    title,
    description,
    url,
    image: ogImageUrl(publicUrl, share),
    imageAlt: clipAtWord(t('preview.imageAlt', { title }), PREVIEW_LIMITS.imageAlt),
    siteName: instanceNameOf(publicUrl),
    ...localesOf(locale),
    oembed: embeddable ? oembedUrl(publicUrl, url) : null,
  };
}

export interface GatePreviewInput {
  kind: LockedCard['kind'];
  /** The page address, or null when the path holds no valid code. */
  url: string | null;
  locale: Locale;
  publicUrl: string;
}

/** The preview of a gate page: what kind of link it is, and not one word of its content. */
export function gatePreview({ kind, url, locale, publicUrl }: GatePreviewInput): PreviewMeta {
  const t = translator(locale);
  return {
    title: t(`preview.${kind}.title`),
    description: t(`preview.${kind}.description`),
    url: url ?? `${publicUrl}/`,
    image: lockedImageUrl(publicUrl, kind),
    imageAlt: t(`preview.${kind}.imageAlt`),
    siteName: instanceNameOf(publicUrl),
    ...localesOf(locale),
    oembed: null,
  };
}
