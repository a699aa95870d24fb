/**
 * `GET /s/:code.md`: the conversation as Markdown. Not counted as a view, so a view-limited
 * link gets a note without content instead (sendRevealNote): its views are used on its page.
 */
import { createHash } from 'node:crypto';
import type { Snapshot } from '@chatshare/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ShareRecord } from '../../repositories/shares.js';
import { conversationToMarkdown } from '../../render/markdown-export.js';
import { NOINDEX, PAGE_HEADERS } from '../../render/security-headers.js';
import { translator, type Locale } from '../../views/i18n.js';
import { conversationView } from '../../render/conversation-pages.js';
import { etagMatches, NO_STORE, REVALIDATE } from './page-reply.js';

export interface MarkdownInput {
  share: ShareRecord;
  snapshot: Snapshot;
  /** The "Shared by" name (services/shared-by.ts), as on the page. */
  sharedBy: string | null;
  locale: Locale;
  url: string;
  /** Anyone would get the same document (core isPubliclyCacheable). */
  shared: boolean;
  indexable: boolean;
}

export function sendMarkdown(reply: FastifyReply, request: FastifyRequest, input: MarkdownInput) {
  const text = conversationToMarkdown(conversationView(input.share, input.snapshot, input.sharedBy), {
    t: translator(input.locale),
    locale: input.locale,
    url: input.url,
  });
  reply.headers({
    ...PAGE_HEADERS,
    // If a browser is ever talked into rendering it, nothing in it may load or run.
    'content-security-policy': "default-src 'none'; sandbox",
    'content-type': 'text/markdown; charset=utf-8',
    vary: 'Accept-Language',
  });
  if (!input.indexable) reply.header('x-robots-tag', NOINDEX);
  if (!input.shared) return reply.header('cache-control', NO_STORE).send(text);
  const tag = createHash('sha256').update(text).digest('base64url').slice(0, 32);
  reply.headers({ 'cache-control': REVALIDATE, etag: `"${tag}"` });
  if (etagMatches(request.headers['if-none-match'], tag)) return reply.status(304).send();
  return reply.send(text);
}

/** The Markdown of a view-limited link: where to open it, and not a word of it. Never stored. */
export function sendRevealNote(reply: FastifyReply, input: { locale: Locale; url: string; viewsLeft: number | null }) {
  const t = translator(input.locale);
  const text = [
    `# ${t('preview.limited.title')}`,
    '',
    t('gate.reveal.title', { count: input.viewsLeft ?? 0 }),
    '',
    t('markdown.link', { url: input.url }),
    '',
  ].join('\n');
  reply.headers({
    ...PAGE_HEADERS,
    'content-security-policy': "default-src 'none'; sandbox",
    'content-type': 'text/markdown; charset=utf-8',
    'cache-control': NO_STORE,
    'x-robots-tag': NOINDEX,
    vary: 'Accept-Language',
  });
  return reply.send(text);
}
