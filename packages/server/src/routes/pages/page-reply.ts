/** Headers and validators shared by the share page responses. */
import type { FastifyReply } from 'fastify';
import {
  contentSecurityPolicy,
  NOINDEX,
  PAGE_HEADERS,
  PASSWORD_REFERRER_POLICY,
} from '../../render/security-headers.js';
import { renderGatePage } from '../../views/render.js';
import type { Gate } from '../../views/GatePage.js';
import type { Locale } from '../../views/i18n.js';
import type { PreviewMeta } from '../../views/preview.js';
import type { Encoding } from '../../render/encoding.js';

/** Responses that browsers and caches may store but must check with us before each use. */
export const REVALIDATE = 'no-cache';
/** Responses that depend on who asks (password, private, owner-only) or on the moment. */
export const NO_STORE = 'private, no-store';

/** The policy of every page without a script or inline style (gates, report, explore, the front page). */
const NO_SCRIPT_POLICY = contentSecurityPolicy();

/** The headers of a page with its policy (made once per page, see RenderedPage). */
export function setPageHeaders(reply: FastifyReply, csp: string = NO_SCRIPT_POLICY): void {
  reply.headers({
    ...PAGE_HEADERS,
    'content-security-policy': csp,
    'content-type': 'text/html; charset=utf-8',
  });
}

const ENCODING_SUFFIX: Record<Encoding, string> = { identity: '', gzip: '-gz', br: '-br' };

/** The ETag of one encoding of a page: each encoding is its own representation. */
export const etagFor = (tag: string, encoding: Encoding) => `"${tag}${ENCODING_SUFFIX[encoding]}"`;

/** Whether If-None-Match names this page, in any encoding. */
export function etagMatches(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => {
    const value = candidate.trim().replace(/^W\//, '');
    return value === `"${tag}"` || value === `"${tag}-gz"` || value === `"${tag}-br"`;
  });
}

/** A gate page (not found, expired, password, rate limited), never stored. */
export function sendGate(reply: FastifyReply, status: number, gate: Gate, locale: Locale, preview?: PreviewMeta) {
  setPageHeaders(reply);
  reply.headers({ 'cache-control': NO_STORE, 'x-robots-tag': NOINDEX, vary: 'Accept-Language' });
  // A page with a form: under `no-referrer` Chromium posts it with `Origin: null`, which the
  // CSRF check refuses, so its own forms send the origin (other sites still get no referrer).
  if (gate.kind === 'password' || gate.kind === 'reveal') reply.header('referrer-policy', PASSWORD_REFERRER_POLICY);
  return reply.status(status).send(renderGatePage(gate, locale, preview));
}
