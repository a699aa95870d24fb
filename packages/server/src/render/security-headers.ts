/**
 * Headers of every share page: a Content Security Policy that lets nothing from the
 * conversation run or load (scripts only with this response's nonce, styles only from this
 * site or by hash, images only inline), no framing, no sniffing, no referrer.
 */
import { randomBytes } from 'node:crypto';

// Random bytes are drawn in blocks: one call to the CSPRNG per 256 nonces instead of one each.
const POOL_NONCES = 256;
let pool = Buffer.alloc(0);
let offset = 0;

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  if (offset >= pool.length) {
    pool = randomBytes(16 * POOL_NONCES);
    offset = 0;
  }
  offset += 16;
  return pool.toString('base64', offset - 16, offset);
}

const AFTER_SCRIPTS =
  "img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
// The embedded view (/embed/:code) alone may be framed, by any site; it has no form at all.
const AFTER_SCRIPTS_FRAMEABLE =
  "img-src 'self' data:; font-src 'self'; form-action 'none'; frame-ancestors *; base-uri 'none'";

export function contentSecurityPolicy(
  nonce: string,
  styleHashes: readonly string[] = [],
  framing: 'none' | 'any' = 'none',
): string {
  let styles = "style-src 'self'";
  for (const hash of styleHashes) styles += ` 'sha256-${hash}'`;
  return `default-src 'none'; script-src 'nonce-${nonce}'; ${styles}; ${framing === 'any' ? AFTER_SCRIPTS_FRAMEABLE : AFTER_SCRIPTS}`;
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
