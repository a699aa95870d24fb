/**
 * Headers of every share page: a Content Security Policy that lets nothing from the
 * conversation run or load (scripts only when their SHA-256 is listed, which only our own
 * fixed scripts are; styles only from this site or by hash; images only inline), no framing,
 * no sniffing, no referrer.
 *
 * Scripts are allowed by hash rather than by a per-response nonce: a page's bytes are then the
 * same for every reader, so each encoding is made once (and stored, see conversation-pages.ts)
 * and a response is one buffer. A hash admits exactly the script it was computed from, and the
 * conversation is rendered as text, so it cannot bring a script that matches.
 */
import { createHash } from 'node:crypto';

/** The CSP source token of a script or style: `sha256-…` of its exact text. */
export const sha256Of = (text: string) => createHash('sha256').update(text).digest('base64');

const AFTER_SCRIPTS =
  "img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
// The embedded view (/embed/:code) alone may be framed, by any site; it has no form at all.
const AFTER_SCRIPTS_FRAMEABLE =
  "img-src 'self' data:; font-src 'self'; form-action 'none'; frame-ancestors *; base-uri 'none'";

export interface PagePolicy {
  /** SHA-256 (base64) of each inline script the page has; none means no script may run. */
  scriptHashes?: readonly string[];
  /** SHA-256 (base64) of each inline style (the math stylesheet). */
  styleHashes?: readonly string[];
  framing?: 'none' | 'any';
}

export function contentSecurityPolicy({ scriptHashes = [], styleHashes = [], framing = 'none' }: PagePolicy = {}) {
  const scripts = scriptHashes.length > 0 ? scriptHashes.map((hash) => `'sha256-${hash}'`).join(' ') : "'none'";
  let styles = "style-src 'self'";
  for (const hash of styleHashes) styles += ` 'sha256-${hash}'`;
  return `default-src 'none'; script-src ${scripts}; ${styles}; ${framing === 'any' ? AFTER_SCRIPTS_FRAMEABLE : AFTER_SCRIPTS}`;
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
