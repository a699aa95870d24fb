/**
 * Which URLs conversation content may use. Content is hostile: links may only leave for
 * http(s) or mailto, and images are shown only when they are inline data, so nothing is ever
 * fetched from a third party when a page opens.
 */
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Raster formats a browser decodes without running anything (SVG stays out, as in markdown-it). */
const IMAGE_DATA_URI = /^data:image\/(?:png|jpeg|gif|webp|avif);/i;

/** `url` if a link may point there (absolute http, https or mailto), else null. */
export function safeLinkHref(url: string): string | null {
  const trimmed = url.trim();
  // Only absolute URLs: a relative one would point into this site, which content has no business doing.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return null;
  try {
    return LINK_PROTOCOLS.has(new URL(trimmed).protocol) ? trimmed : null;
  } catch {
    return null;
  }
}

/** Whether `src` may be shown as an image: a base64 or percent-encoded data URI of a raster image. */
export const isSafeImageSrc = (src: string): boolean => IMAGE_DATA_URI.test(src.trim());
