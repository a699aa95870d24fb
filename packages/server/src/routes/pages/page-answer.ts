/**
 * The conversation page a reader gets, once access is decided: its bytes (from memory, the
 * store, or drawn now) and what its headers depend on. One place for the full route
 * (share-page.ts) and the short path (share-page-fast-path.ts), so the two answer alike.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isEmbeddable, isIndexable, isPubliclyCacheable, shareUrl } from '@chatshare/core';
import type { FastifyInstance } from 'fastify';
import type { ShareRecord } from '../../repositories/shares.js';
import type { RenderedPage } from '../../render/page-cache.js';
import { pickEncoding } from '../../render/encoding.js';
import { sharedByNow, sharedByOf } from '../../services/shared-by.js';
import type { Locale } from '../../views/i18n.js';
import { oembedUrl } from '../../views/preview.js';
import type { PageAnswer } from './conversation-page.js';

export interface PageRequest {
  locale: Locale;
  /** The owner's own page (no "Report" link). */
  owner: boolean;
  /** The answer to a reveal POST: one reader's one view, never stored or revalidated. */
  revealed: boolean;
}

export async function pageAnswer(
  app: FastifyInstance,
  headers: IncomingHttpHeaders,
  share: ShareRecord,
  request: PageRequest,
): Promise<PageAnswer> {
  // Read live, so a changed display name is part of the render key (and of the ETag) at once.
  const sharedBy = await sharedByOf(app.repos.users, share);
  const page = await app.pages.get(share, { kind: 'page', locale: request.locale, owner: request.owner }, sharedBy);
  return answerWith(app, headers, share, page, request.revealed);
}

/** `pageAnswer` at once, when the name and the page need no query; else `undefined`. */
export function pageAnswerNow(
  app: FastifyInstance,
  headers: IncomingHttpHeaders,
  share: ShareRecord,
  request: PageRequest,
): PageAnswer | undefined {
  const sharedBy = sharedByNow(share);
  if (sharedBy === undefined) return undefined;
  const page = app.pages.inMemory(share, { kind: 'page', locale: request.locale, owner: request.owner }, sharedBy);
  return page && answerWith(app, headers, share, page, request.revealed);
}

function answerWith(
  app: FastifyInstance,
  headers: IncomingHttpHeaders,
  share: ShareRecord,
  page: RenderedPage,
  revealed: boolean,
): PageAnswer {
  const now = app.now();
  return {
    page,
    encoding: pickEncoding(headers['accept-encoding']),
    shared: !revealed && isPubliclyCacheable(share, now).allowed,
    indexable: isIndexable(share, now),
    oembedLink: isEmbeddable(share, now) ? oembedLinkOf(app.config.publicUrl, share.code) : null,
  };
}

/** Links by code, made once per code (a page of a popular link is sent thousands of times). */
const oembedLinks = new Map<string, string>();

function oembedLinkOf(publicUrl: string, code: string): string {
  const key = `${publicUrl} ${code}`;
  let link = oembedLinks.get(key);
  if (link === undefined) {
    if (oembedLinks.size >= 10_000) oembedLinks.clear();
    link = `<${oembedUrl(publicUrl, shareUrl(publicUrl, code))}>; rel="alternate"; type="application/json+oembed"`;
    oembedLinks.set(key, link);
  }
  return link;
}
