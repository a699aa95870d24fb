/**
 * What the conversation page and the embed share: their cache headers and how a reader's
 * view is counted. Their bytes come from render/conversation-pages.ts.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ShareRecord } from '../../repositories/shares.js';
import type { Encoding } from '../../render/encoding.js';
import type { RenderedPage } from '../../render/page-cache.js';
import { NOINDEX, PAGE_HEADERS } from '../../render/security-headers.js';
import { isBot } from '../../services/bots.js';
import { etagFor, etagMatches, NO_STORE, REVALIDATE } from './page-reply.js';

/** A browser fetching the page ahead of a click (not a view). */
export const isPrefetch = (headers: IncomingHttpHeaders) =>
  /prefetch/i.test([headers['sec-purpose'], headers.purpose].join(' '));

/** Whether a request for a page is a person's view (bots and prefetches are counted apart). */
export const isAutomated = (headers: IncomingHttpHeaders) => isBot(headers['user-agent']) || isPrefetch(headers);

/** What the headers of a conversation page answer depend on, decided by the caller (core policy). */
export interface PageAnswer {
  page: RenderedPage;
  encoding: Encoding;
  /** Anyone would get these bytes (core isPubliclyCacheable): revalidated, else never stored. */
  shared: boolean;
  indexable: boolean;
  /** The oEmbed discovery link, when the link may be embedded. */
  oembedLink: string | null;
}

/**
 * The headers that describe a page, sent with the page and with its 304: the same for the
 * full route and the short path (share-page-fast-path.ts), so the two never differ.
 */
export function describingHeaders({ page, encoding, shared, indexable, oembedLink }: PageAnswer) {
  const headers: Record<string, string> = { vary: 'Accept-Encoding, Accept-Language' };
  if (oembedLink) headers.link = oembedLink;
  if (!indexable) headers['x-robots-tag'] = NOINDEX;
  if (shared) {
    headers['cache-control'] = REVALIDATE;
    headers.etag = etagFor(page.body.etag, encoding);
  } else {
    headers['cache-control'] = NO_STORE;
  }
  return headers;
}

/** The headers of the page's bytes in `encoding`: its policy, type and encoding. */
export function bodyHeaders(page: RenderedPage, encoding: Encoding) {
  const headers: Record<string, string> = {
    ...PAGE_HEADERS,
    'content-security-policy': page.csp,
    'content-type': 'text/html; charset=utf-8',
  };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  return headers;
}

/**
 * Whether the browser's copy of a page anyone would get is current, which is answered 304
 * (not a view: the browser keeps the page, and the policy, it already has).
 */
export const isNotModified = (request: FastifyRequest, { page, shared }: PageAnswer): boolean =>
  shared && etagMatches(request.headers['if-none-match'], page.body.etag);

/** Counts a reader's view of a page they loaded (bots and prefetches are counted apart). */
export const countPageView = (app: FastifyInstance, headers: IncomingHttpHeaders, share: ShareRecord) =>
  app.shareService.countView(share, { automated: isAutomated(headers) });
