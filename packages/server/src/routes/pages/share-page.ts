/**
 * The shared conversation page (`GET /s/:code`), the reveal of a view-limited one
 * (`POST /s/:code/reveal`, the only request that counts its views) and its Markdown
 * (`GET /s/:code.md`). Every
 * request first does the one indexed lookup of the share's live state and the access
 * decision (ShareService.access, core canView); only then is a page served: the link's
 * pre-rendered page, from memory or from the store (render/conversation-pages.ts).
 */
import {
  isEmbeddable,
  isIndexable,
  isPubliclyCacheable,
  isViewLimited,
  sharePath,
  shareUrl as shareUrlAt,
} from '@chatshare/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ShareRecord } from '../../repositories/shares.js';
import { pickEncoding } from '../../render/encoding.js';
import { NOINDEX } from '../../render/security-headers.js';
import { sharedByOf } from '../../services/shared-by.js';
import { negotiateLocale, type Locale } from '../../views/i18n.js';
import { gatePreview, oembedUrl } from '../../views/preview.js';
import { openShare } from '../api/shared/viewer.js';
import { sendAccessGate, type GateRequest } from './access-gate.js';
import { countPageView, isNotModified } from './conversation-page.js';
import { sendGate, setPageHeaders } from './page-reply.js';
import { sendMarkdown, sendRevealNote } from './markdown.js';
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
    const now = app.now();
    const shared = !revealed && isPubliclyCacheable(share, now).allowed;
    const indexable = isIndexable(share, now);
    const embeddable = isEmbeddable(share, now);
    const encoding = pickEncoding(request.headers['accept-encoding']);
    // Read live, so a changed display name is part of the render key (and of the ETag) at once.
    const sharedBy = await sharedByOf(app.repos.users, share);
    reply.header('vary', 'Accept-Encoding, Accept-Language');
    if (embeddable) {
      reply.header(
        'link',
        `<${oembedUrl(publicUrl, shareUrl(share.code))}>; rel="alternate"; type="application/json+oembed"`,
      );
    }

    // The owner's page has no "Report" link (they can revoke it instead), so it is its own variant.
    const page = await app.pages.get(share, { kind: 'page', locale, owner: isOwner }, sharedBy);
    if (!indexable) reply.header('x-robots-tag', NOINDEX);
    if (isNotModified(request, reply, page, { shared, encoding })) return reply.status(304).send();

    // A view-limited link is counted by its reveal POST alone (before this is called).
    if (!isOwner && !revealed && request.method === 'GET' && !isViewLimited(share)) {
      try {
        await countPageView(app, request, share);
      } catch (error) {
        // The gate replaces the page: nothing that described the page may stay.
        reply.removeHeader('etag');
        reply.removeHeader('link');
        return gateFor(error, request, reply, locale);
      }
    }
    setPageHeaders(reply, page.csp);
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    return reply.send(page.body.in(encoding));
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
