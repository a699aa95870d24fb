/**
 * `GET /embed/:code`, the conversation for other sites' iframes, and `GET /embed.js`, the
 * script that puts it there. The embed reads the link as an anonymous reader would (a frame on
 * another site gets no cookies of ours), through the same access decision as the page, and
 * counts a view like the page. Only a conversation the owner lets anyone embed is sent with
 * `frame-ancestors *`; panels that hold nothing of the conversation (not found, expired,
 * password needed) may be framed too, so a reader sees what happened instead of a broken
 * frame; "embedding is turned off" is `frame-ancestors 'none'`. A view-limited link is never
 * shown in a frame (a frame loads without a click and would use its views): its panel says so
 * and links to its page, whose reveal step counts the view.
 */
import { createHash } from 'node:crypto';
import {
  ANONYMOUS,
  isAppError,
  isEmbeddable,
  isPubliclyCacheable,
  isShortCode,
  shareUrl as shareUrlAt,
} from '@chatshare/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ShareRecord } from '../../repositories/shares.js';
import { pickEncoding } from '../../render/encoding.js';
import { contentSecurityPolicy, NOINDEX } from '../../render/security-headers.js';
import { sharedByOf } from '../../services/shared-by.js';
import type { EmbedGate } from '../../views/EmbedPage.js';
import { embedLoaderScript } from '../../views/embed-loader.js';
import { negotiateLocale, type Locale } from '../../views/i18n.js';
import { EMBED_SCRIPT_HASHES, renderEmbedGate } from '../../views/render.js';
import { isUsedUp } from '../pages/access-gate.js';
import { countPageView, describingHeaders, isNotModified } from '../pages/conversation-page.js';
import { etagMatches, NO_STORE } from '../pages/page-reply.js';
import { PageCodeParams } from '../pages/schema.js';

type EmbedRequest = FastifyRequest<{ Params: PageCodeParams }>;

/** embed.js has a fixed address (it is pasted into other sites): cached a day, then revalidated. */
export const LOADER_CACHE = 'public, max-age=86400, stale-while-revalidate=604800';

const STATUS: Record<EmbedGate['kind'], number> = {
  not_found: 404,
  expired: 410,
  used_up: 410,
  limited: 200,
  password: 401,
  rate_limited: 429,
  disabled: 403,
};

/** The panels' policies: they have the embed's script; "embedding is off" may not be framed. */
const PANEL_POLICY = {
  any: contentSecurityPolicy({ scriptHashes: EMBED_SCRIPT_HASHES, framing: 'any' }),
  none: contentSecurityPolicy({ scriptHashes: EMBED_SCRIPT_HASHES, framing: 'none' }),
};

function embedHeaders(reply: FastifyReply, csp: string, framing: 'any' | 'none') {
  reply.headers({
    'content-security-policy': csp,
    'content-type': 'text/html; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-robots-tag': NOINDEX,
  });
  if (framing === 'none') reply.header('x-frame-options', 'DENY');
}

export default async function embedRoutes(app: FastifyInstance) {
  app.metrics.trackPageCache('embed', app.pages.caches.embed);
  const { publicUrl } = app.config;
  const shareUrl = (code: string) => shareUrlAt(publicUrl, code);

  const loader = Buffer.from(embedLoaderScript(publicUrl));
  const loaderTag = createHash('sha256').update(loader).digest('base64url').slice(0, 24);
  app.get('/embed.js', { schema: { hide: true } }, async (request, reply) => {
    reply.headers({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': LOADER_CACHE,
      etag: `"${loaderTag}"`,
      'x-content-type-options': 'nosniff',
      // Loaded by other sites, including those that require CORP of what they load.
      'cross-origin-resource-policy': 'cross-origin',
    });
    if (etagMatches(request.headers['if-none-match'], loaderTag)) return reply.status(304).send();
    return reply.send(loader);
  });

  function sendPanel(request: EmbedRequest, reply: FastifyReply, gate: EmbedGate, locale: Locale) {
    const { code } = request.params;
    const framing = gate.kind === 'disabled' ? 'none' : 'any';
    embedHeaders(reply, PANEL_POLICY[framing], framing);
    reply.headers({ 'cache-control': NO_STORE, vary: 'Accept-Language' });
    return reply.status(STATUS[gate.kind]).send(renderEmbedGate(gate, locale, isShortCode(code) ? code : ''));
  }

  /** The access decision as a panel; anything that is not a decision goes on to the error handler. */
  async function panelFor(error: unknown, request: EmbedRequest, reply: FastifyReply, locale: Locale) {
    if (!isAppError(error)) throw error;
    const gates: Record<number, EmbedGate | undefined> = {
      404: { kind: 'not_found' },
      410: isUsedUp(error) ? { kind: 'used_up' } : { kind: 'expired' },
      401: { kind: 'password', shareUrl: shareUrl(request.params.code) },
      429: { kind: 'rate_limited' },
    };
    const gate = gates[error.status];
    if (!gate) throw error;
    return sendPanel(request, reply, gate, locale);
  }

  app.get('/embed/:code', { schema: { hide: true, params: PageCodeParams } }, async (request: EmbedRequest, reply) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    const { code } = request.params;
    let share: ShareRecord;
    try {
      const access = await app.shareMisses.guard(request, reply, () => app.shareService.access(code, ANONYMOUS));
      share = access.share;
      // A view-limited link: a notice and a link to its page, where the reader opens it.
      if (access.reveal === 'required') {
        return sendPanel(request, reply, { kind: 'limited', shareUrl: shareUrl(share.code) }, locale);
      }
    } catch (error) {
      return panelFor(error, request, reply, locale);
    }
    const now = app.now();
    if (!isEmbeddable(share, now)) {
      return sendPanel(request, reply, { kind: 'disabled', shareUrl: shareUrl(share.code) }, locale);
    }

    const shared = isPubliclyCacheable(share, now).allowed;
    const encoding = pickEncoding(request.headers['accept-encoding']);
    // The embed shows who shared it like the page does (docs/decisions.md), read live the same way.
    const sharedBy = await sharedByOf(app.repos.users, share);
    const page = await app.pages.get(share, { kind: 'embed', locale }, sharedBy);
    // An embed is never indexed (the page it shows is, where its owner allows it).
    const answer = { page, encoding, shared, indexable: false, oembedLink: null };
    reply.headers(describingHeaders(answer));
    if (isNotModified(request, answer)) return reply.status(304).send();
    // A reader of an embed is a reader: counted like the page (people only, once per load).
    if (request.method === 'GET') {
      try {
        await countPageView(app, request.headers, share);
      } catch (error) {
        reply.removeHeader('etag');
        return panelFor(error, request, reply, locale);
      }
    }
    embedHeaders(reply, page.csp, 'any');
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    return reply.send(page.body.in(encoding));
  });
}
