/**
 * "Save a copy" from a share page, for readers with or without JavaScript: `GET /s/:code/copy`
 * is the page with the form (reader-copy-view.tsx), `POST /s/:code/copy` saves the copy. Both
 * take the share page's own access decision first, so a link the reader may not open answers
 * with the very page its `GET /s/:code` would (not found, expired, password form). A signed-in
 * reader's copy is saved at once (services/copies.ts) and they land on it in the owner app; a
 * reader without an account goes to sign-in (and from there to sign-up) with a return address
 * in the owner app that finishes the copy. The form is checked for same origin by the auth
 * plugin like every other form, and the session cookie is SameSite=Lax, so another site cannot
 * post it with the reader's account. A copy is not a view.
 */
import { isAppError, sharePath } from '@chatshare/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { NOINDEX, PASSWORD_REFERRER_POLICY } from '../../render/security-headers.js';
import { negotiateLocale } from '../../views/i18n.js';
import { viewerFor } from '../api/shared/viewer.js';
import { sendAccessGate, type GateRequest } from './access-gate.js';
import { NO_STORE, setPageHeaders } from './page-reply.js';
import { renderCopyPage } from './reader-copy-view.js';
import { GateQuery, PageCodeParams } from './schema.js';

/** The owner-app page that saves the copy once the reader has signed in or up. */
export const copyReturnPath = (code: string) => `/app/copy/${encodeURIComponent(code)}`;
const signInFor = (code: string) => `/app/signin?next=${encodeURIComponent(copyReturnPath(code))}`;

export default async function readerCopyRoutes(app: FastifyInstance) {
  const schema = { hide: true, params: PageCodeParams, querystring: GateQuery };

  app.get('/s/:code/copy', { schema }, async (request: GateRequest, reply: FastifyReply) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    const { code } = request.params;
    let offer;
    try {
      offer = await app.shareMisses.guard(request, reply, () =>
        app.copyService.offer(code, viewerFor(app, request, code)),
      );
    } catch (error) {
      // Copies turned off since the page was drawn: back to it, which no longer offers one.
      if (isAppError(error) && error.code === 'copy_not_allowed') {
        return reply.redirect(sharePath(encodeURIComponent(code)), 303);
      }
      return sendAccessGate(app, error, request, reply, locale);
    }
    setPageHeaders(reply);
    reply.headers({
      'cache-control': NO_STORE,
      'x-robots-tag': NOINDEX,
      'referrer-policy': PASSWORD_REFERRER_POLICY,
      vary: 'Accept-Language',
    });
    const view = { code: offer.share.code, title: offer.share.title, signedIn: !offer.needsAccount };
    return reply.send(renderCopyPage(view, locale));
  });

  app.post('/s/:code/copy', { schema }, async (request: GateRequest, reply: FastifyReply) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    const { code } = request.params;
    try {
      const share = await app.shareMisses.guard(request, reply, () =>
        app.copyService.copyable(code, viewerFor(app, request, code)),
      );
      await app.copyLimit(request, reply);
      // `copyable` passed, so the reader is signed in.
      const copy = await app.copyService.copy(share, request.user!);
      return await reply.redirect(`/app/conversations/${encodeURIComponent(copy.id)}`, 303);
    } catch (error) {
      if (isAppError(error) && error.code === 'unauthenticated') return reply.redirect(signInFor(code), 303);
      // The owner turned copies off since the page was drawn: its page, which no longer offers it.
      if (isAppError(error) && error.code === 'copy_not_allowed') {
        return reply.redirect(sharePath(encodeURIComponent(code)), 303);
      }
      return sendAccessGate(app, error, request, reply, locale);
    }
  });
}
