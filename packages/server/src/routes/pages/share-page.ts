/**
 * The shared conversation page (`GET /s/:code`), the reveal of a view-limited one
 * (`POST /s/:code/reveal`, the only request that counts its views) and its downloads
 * (`GET /s/:code.md`, `GET /s/:code.json`). Every
 * request first does the one indexed lookup of the share's live state and the access
 * decision (ShareService.access, core canView); only then is a page served: the link's
 * pre-rendered page, from memory or from the store (render/conversation-pages.ts).
 */
import { isIndexable, isPubliclyCacheable, isViewLimited, sharePath, shareUrl as shareUrlAt } from '@chatshare/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ShareRecord } from '../../repositories/shares.js';
import { sharedByOf } from '../../services/shared-by.js';
import { negotiateLocale, type Locale } from '../../views/i18n.js';
import { gatePreview } from '../../views/preview.js';
import { openShare } from '../api/shared/viewer.js';
import { sendAccessGate, type GateRequest } from './access-gate.js';
import { bodyHeaders, countPageView, describingHeaders, isNotModified } from './conversation-page.js';
import { pageAnswer } from './page-answer.js';
import { sendGate } from './page-reply.js';
import { sendMarkdown, sendRevealNote } from './markdown.js';
import { sendChatshareDownload } from './chatshare-file.js';
import { GateQuery, PageCodeParams } from './schema.js';

const pageSchema = { hide: true, params: PageCodeParams, querystring: GateQuery };

export default async function sharePageRoutes(app: FastifyInstance) {
  app.metrics.trackPageCache('share', app.pages.caches.page);
  const { publicUrl } = app.config;
  const shareUrl = (code: string) => shareUrlAt(publicUrl, code);

  /** The access decision as a page (see access-gate.ts); other errors go on. */
  const gateFor = (error: unknown, request: GateRequest, reply: FastifyReply, locale: Locale) =>
    sendAccessGate(app, error, request, reply, locale);

  /** The click-to-reveal step of a view-limited link: no content, and no view used. */
  function sendRevealStep(reply: FastifyReply, share: ShareRecord, viewsLeft: number, locale: Locale) {
    const preview = gatePreview({ kind: 'limited', url: shareUrl(share.code), locale, publicUrl });
    return sendGate(reply, 200, { kind: 'reveal', code: share.code, viewsLeft }, locale, preview);
  }

  /**
   * The conversation page. `revealed`: the answer to a reveal POST, whose view was counted
   * already; such a page is never stored or revalidated (it is one reader's one view).
   */
  async function sendConversation(
    request: GateRequest,
    reply: FastifyReply,
    { share, isOwner }: { share: ShareRecord; isOwner: boolean },
    { locale, revealed }: { locale: Locale; revealed: boolean },
  ) {
    const answer = await pageAnswer(app, request.headers, share, { locale, owner: isOwner, revealed });
    reply.headers(describingHeaders(answer));
    if (isNotModified(request, answer)) return reply.status(304).send();

    // A view-limited link is counted by its reveal POST alone (before this is called).
    if (!isOwner && !revealed && request.method === 'GET' && !isViewLimited(share)) {
      try {
        await countPageView(app, request.headers, share);
      } catch (error) {
        // The gate replaces the page: nothing that described the page may stay.
        reply.removeHeader('etag');
        reply.removeHeader('link');
        return gateFor(error, request, reply, locale);
      }
    }
    reply.headers(bodyHeaders(answer.page, answer.encoding));
    return reply.send(answer.page.body.in(answer.encoding));
  }

  app.get('/s/:code', { schema: pageSchema }, async (request: GateRequest, reply) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    let access;
    try {
      access = await openShare(app, request, reply, request.params.code);
    } catch (error) {
      return gateFor(error, request, reply, locale);
    }
    // GET and HEAD of a view-limited link never show nor count: only the reveal POST does.
    if (access.reveal === 'required') {
      return sendRevealStep(reply, access.share, access.viewsLeft ?? 0, locale);
    }
    return sendConversation(request, reply, access, { locale, revealed: false });
  });

  /**
   * `POST /s/:code/reveal`: one view of a view-limited link, counted atomically against its
   * limit, answered with the page itself (`private, no-store`). A POST is never prefetched or
   * unfurled, and replaying it is another view, so there is no one-time URL to guard.
   */
  app.post('/s/:code/reveal', { schema: pageSchema }, async (request: GateRequest, reply) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    try {
      const access = await openShare(app, request, reply, request.params.code);
      // Nothing to reveal (no limit, or the owner's own link): the page itself, no view used.
      if (access.reveal === 'none') return reply.redirect(sharePath(access.share.code), 303);
      await app.shareService.countView(access.share, { automated: false });
      return await sendConversation(request, reply, access, { locale, revealed: true });
    } catch (error) {
      return gateFor(error, request, reply, locale);
    }
  });

  // Reloading or bookmarking the revealed page asks for its URL: back to the link's own page.
  app.get('/s/:code/reveal', { schema: pageSchema }, async (request: GateRequest, reply) =>
    reply.redirect(sharePath(encodeURIComponent(request.params.code)), 303),
  );

  // The chatshare file (chatshare-file.ts): the same access as the Markdown, not a view.
  app.get('/s/:code.json', { schema: pageSchema }, (request: GateRequest, reply) =>
    sendChatshareDownload(app, request, reply),
  );

  app.get('/s/:code.md', { schema: pageSchema }, async (request: GateRequest, reply) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    const { share, reveal, viewsLeft } = await openShare(app, request, reply, request.params.code);
    const now = app.now();
    // A download is not a view: a view-limited link's Markdown is a note pointing to its page.
    if (reveal === 'required') return sendRevealNote(reply, { locale, url: shareUrl(share.code), viewsLeft });
    return sendMarkdown(reply, request, {
      share,
      snapshot: await app.shareService.snapshotOf(share),
      sharedBy: await sharedByOf(app.repos.users, share),
      locale,
      url: shareUrl(share.code),
      shared: isPubliclyCacheable(share, now).allowed,
      indexable: isIndexable(share, now),
    });
  });
}
