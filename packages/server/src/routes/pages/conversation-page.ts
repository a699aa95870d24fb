/**
 * What the conversation page and the embed (and, in part, the Markdown) share: the view of a
 * share they render, their cache of rendered pages, their cache headers and how a reader's
 * view is counted.
 */
import type { Snapshot } from '@chatshare/core';
import type { ViewConversation } from '@chatshare/react';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { presentSharedConversation } from '../../presenters/shared-conversation.js';
import type { ShareRecord } from '../../repositories/shares.js';
import type { Encoding } from '../../render/encoding.js';
import type { PageCache } from '../../render/page-cache.js';
import { isBot } from '../../services/bots.js';
import type { RenderedPage } from '../../views/render.js';
import { etagFor, etagMatches, NO_STORE, REVALIDATE } from './page-reply.js';

/** A browser fetching the page ahead of a click (not a view). */
export const isPrefetch = (request: FastifyRequest) =>
  /prefetch/i.test([request.headers['sec-purpose'], request.headers.purpose].join(' '));

/** What a rendered conversation shows: the public presenter's view of the snapshot. */
export function conversationView(share: ShareRecord, snapshot: Snapshot, sharedBy: string | null): ViewConversation {
  const conversation = presentSharedConversation(share, snapshot, sharedBy);
  return {
    title: conversation.title,
    sharedAt: conversation.sharedAt,
    sharedBy: conversation.sharedBy,
    messages: conversation.messages,
  };
}

/**
 * The page under `key`, from the cache or drawn by `draw` (and kept): the snapshot is read
 * only when the page has to be drawn.
 */
export async function cachedPage(
  app: FastifyInstance,
  cache: PageCache,
  key: string,
  { share, sharedBy }: { share: ShareRecord; sharedBy: string | null },
  draw: (conversation: ViewConversation, snapshot: Snapshot) => RenderedPage,
): Promise<RenderedPage> {
  const cached = cache.get(key);
  if (cached) return cached;
  const snapshot = await app.shareService.snapshotOf(share);
  const page = draw(conversationView(share, snapshot, sharedBy), snapshot);
  cache.set(key, page);
  return page;
}

/**
 * Cache-Control (and the ETag) of a rendered page: a page anyone would get is revalidated,
 * any other is never stored. True when the browser's copy is current, which is answered 304
 * (not a view, and no new CSP: the browser keeps the page, and the policy, it already has).
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
