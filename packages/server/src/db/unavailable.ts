/**
 * "The database is unavailable" (docs/design.md §Security, dependencies fail soft):
 * PostgreSQL restarting, failing over or out of reach is a 503 with Retry-After, never a 500 and never a crash.
 * The error handler asks `isDatabaseUnavailable` and answers with `sendDatabaseUnavailable`:
 * the JSON error for the API, a plain page for a browser asking for HTML.
 */
import { errors, type ErrorBody } from '@chatshare/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PAGE_HEADERS } from '../render/security-headers.js';
import { negotiateLocale, translator } from '../views/i18n.js';

/** Seconds a client should wait before trying again: a restart or failover takes a few. */
export const DATABASE_RETRY_AFTER_S = 5;

/** Socket failures on the way to the database: refused, reset, timed out, name lookup. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** PostgreSQL SQLSTATEs: admin, crash or startup shutdown (57P01–57P03), too many connections. */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres says when a connection ends or cannot be had in time. */
const PG_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect$/, /not queryable/];

/**
 * Whether an error means the database cannot be reached at the moment (as opposed to a bad
 * query or a bug): connection refused or reset, 57P01/57P02/57P03, class 08 (connection
 * exception), a pool that could not connect in time. Looks through `AggregateError`s (one
 * per address tried) and `cause`.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const {
    code,
    message,
    errors: inner,
    cause,
  } = error as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
    return true;
  }
  if (typeof message === 'string' && PG_MESSAGES.some((pattern) => pattern.test(message))) return true;
  if (Array.isArray(inner) && inner.some((item) => isDatabaseUnavailable(item, depth + 1))) return true;
  return cause !== undefined && isDatabaseUnavailable(cause, depth + 1);
}

const wantsHtml = (request: FastifyRequest) =>
  !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

let warnedAt = 0;

/** The 503: JSON `database_unavailable` for the API and scripts, a plain page for browsers. */
export function sendDatabaseUnavailable(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  // One line every few seconds during an outage, not one per request.
  if (Date.now() - warnedAt > 10_000) {
    warnedAt = Date.now();
    request.log.warn({ err: error }, 'the database is unavailable: answering 503 until it is back');
  }
  reply.status(503).headers({ 'retry-after': String(DATABASE_RETRY_AFTER_S), 'cache-control': 'no-store' });
  if (wantsHtml(request)) {
    const locale = negotiateLocale(request.headers['accept-language']);
    const t = translator(locale);
    const title = escapeHtml(t('unavailable.title'));
    return reply
      .headers({
        ...PAGE_HEADERS,
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
        'content-type': 'text/html; charset=utf-8',
        vary: 'Accept-Language',
      })
      .send(
        `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
          `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">` +
          `<title>${title}</title></head><body><h1>${title}</h1><p>${escapeHtml(t('unavailable.body'))}</p></body></html>`,
      );
  }
  const { code, message } = errors.databaseUnavailable();
  const body: ErrorBody = { error: { code, message } };
  return reply.send(body);
}
