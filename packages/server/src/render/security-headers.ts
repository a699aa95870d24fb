/**
 * Headers of every share page: a Content Security Policy that lets nothing from the
 * conversation run or load (scripts only with this response's nonce, styles only from this
 * site or by hash, images only inline), no framing, no sniffing, no referrer.
 */
import { randomBytes } from 'node:crypto';

/** A fresh nonce: 128 random bits, base64. */
export const newNonce = (): string => randomBytes(16).toString('base64');

export function contentSecurityPolicy(nonce: string, styleHashes: readonly string[] = []): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    ["style-src 'self'", ...styleHashes.map((hash) => `'sha256-${hash}'`)].join(' '),
    "img-src 'self' data:",
    "font-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export const PAGE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;

export const NOINDEX = 'noindex, nofollow';

/**
 * The password page's form must carry an Origin for the CSRF check, and browsers send
 * `Origin: null` under `no-referrer`; `same-origin` still sends nothing to other sites.
 */
export const PASSWORD_REFERRER_POLICY = 'same-origin';
