/**
 * `GET /s/:code.json`: the conversation as a chatshare file (core `toChatshareFile`,
 * docs/formats.md §7), a download that any instance imports back. Like the Markdown it is not
 * a view, so a view-limited link gets a note without content instead (sendRevealFileNote):
 * its views are used on its page.
 */
import { createHash } from 'node:crypto';
import {
  isIndexable,
  isPubliclyCacheable,
  shareUrl,
  toChatshareFile,
  toRevealNote,
  type Snapshot,
} from '@chatshare/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { presentSharedConversation } from '../../presenters/shared-conversation.js';
import type { ShareRecord } from '../../repositories/shares.js';
import { NOINDEX, PAGE_HEADERS } from '../../render/security-headers.js';
import { sharedByOf } from '../../services/shared-by.js';
import { negotiateLocale, translator, type Locale } from '../../views/i18n.js';
import { openShare } from '../api/shared/viewer.js';
import type { GateRequest } from './access-gate.js';
import { etagMatches, NO_STORE, REVALIDATE } from './page-reply.js';

export interface ChatshareFileInput {
  share: ShareRecord;
  snapshot: Snapshot;
  /** The "Shared by" name (services/shared-by.ts), as on the page. */
  sharedBy: string | null;
  url: string;
  /** Anyone would get the same document (core isPubliclyCacheable). */
  shared: boolean;
  indexable: boolean;
}

const FILE_HEADERS = {
  ...PAGE_HEADERS,
  // A browser told to render it anyway may load or run nothing.
  'content-security-policy': "default-src 'none'; sandbox",
  'content-type': 'application/json; charset=utf-8',
} as const;

/**
 * A file name from the title: ASCII letters and digits in dashes, so the header needs no
 * encoding and no title can break out of it; the code when nothing is left.
 */
export function fileNameOf(title: string, code: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
    .toLowerCase();
  return `${slug || code.replace(/[^A-Za-z0-9]/g, '')}.chatshare.json`;
}

export function sendChatshareFile(reply: FastifyReply, request: FastifyRequest, input: ChatshareFileInput) {
  // The presenter decides what a reader gets; the file lists its fields by name from that.
  const shown = presentSharedConversation(input.share, input.snapshot, input.sharedBy);
  const file = toChatshareFile({
    title: shown.title,
    url: input.url,
    sharedAt: shown.sharedAt,
    sharedBy: shown.sharedBy,
    models: shown.models,
    messages: shown.messages,
  });
  const text = `${JSON.stringify(file, null, 2)}\n`;
  reply.headers({
    ...FILE_HEADERS,
    'content-disposition': `attachment; filename="${fileNameOf(shown.title, shown.shortCode)}"`,
  });
  if (!input.indexable) reply.header('x-robots-tag', NOINDEX);
  if (!input.shared) return reply.header('cache-control', NO_STORE).send(text);
  const tag = createHash('sha256').update(text).digest('base64url').slice(0, 32);
  reply.headers({ 'cache-control': REVALIDATE, etag: `"${tag}"` });
  if (etagMatches(request.headers['if-none-match'], tag)) return reply.status(304).send();
  return reply.send(text);
}

/** The file of a view-limited link: where to open it, and not a word of it. Never stored. */
export function sendRevealFileNote(
  reply: FastifyReply,
  input: { locale: Locale; url: string; viewsLeft: number | null },
) {
  const t = translator(input.locale);
  const viewsLeft = input.viewsLeft ?? 0;
  const note = `${t('gate.reveal.title', { count: viewsLeft })}. ${t('preview.limited.description')}`;
  reply.headers({
    ...FILE_HEADERS,
    'content-disposition': 'attachment; filename="shared-conversation.chatshare.json"',
    'cache-control': NO_STORE,
    'x-robots-tag': NOINDEX,
    vary: 'Accept-Language',
  });
  return reply.send(`${JSON.stringify(toRevealNote({ url: input.url, viewsLeft, note }), null, 2)}\n`);
}

/**
 * The route: the one lookup and access decision every share path makes (openShare, core
 * canView), then the file or, for a view-limited link, the note. A refusal is the error
 * handler's JSON answer, as for the Markdown.
 */
export async function sendChatshareDownload(app: FastifyInstance, request: GateRequest, reply: FastifyReply) {
  const { share, reveal, viewsLeft } = await openShare(app, request, reply, request.params.code);
  const url = shareUrl(app.config.publicUrl, share.code);
  if (reveal === 'required') {
    return sendRevealFileNote(reply, { locale: negotiateLocale(request.headers['accept-language']), url, viewsLeft });
  }
  const now = app.now();
  return sendChatshareFile(reply, request, {
    share,
    snapshot: await app.shareService.snapshotOf(share),
    sharedBy: await sharedByOf(app.repos.users, share),
    url,
    shared: isPubliclyCacheable(share, now).allowed,
    indexable: isIndexable(share, now),
  });
}
