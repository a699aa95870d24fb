/**
 * What the conversation page and the embed share: their cache headers and how a reader's
 * view is counted. Their bytes come from render/conversation-pages.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ShareRecord } from '../../repositories/shares.js';
import type { Encoding } from '../../render/encoding.js';
import type { RenderedPage } from '../../render/page-cache.js';
import { isBot } from '../../services/bots.js';
import { etagFor, etagMatches, NO_STORE, REVALIDATE } from './page-reply.js';

/** A browser fetching the page ahead of a click (not a view). */
export const isPrefetch = (request: FastifyRequest) =>
  /prefetch/i.test([request.headers['sec-purpose'], request.headers.purpose].join(' '));

/**
 * Cache-Control (and the ETag) of a rendered page: a page anyone would get is revalidated,
 * any other is never stored. True when the browser's copy is current, which is answered 304
 * (not a view: the browser keeps the page, and the policy, it already has).
 */
export function isNotModified(
  request: FastifyRequest,
  reply: FastifyReply,
  page: RenderedPage,
  { shared, encoding }: { shared: boolean; encoding: Encoding },
): boolean {
  if (!shared) {
    reply.header('cache-control', NO_STORE);
    return false;
  }
  reply.headers({ 'cache-control': REVALIDATE, etag: etagFor(page.body.etag, encoding) });
  return etagMatches(request.headers['if-none-match'], page.body.etag);
}

/** Counts a reader's view of a page they loaded (bots and prefetches are counted apart). */
export const countPageView = (app: FastifyInstance, request: FastifyRequest, share: ShareRecord) =>
  app.shareService.countView(share, { automated: isBot(request.headers['user-agent']) || isPrefetch(request) });
