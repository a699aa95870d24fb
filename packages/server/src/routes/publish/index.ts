/**
 * `GET /publish`: the page another instance opens to publish a conversation here (the community
 * hub side), and `GET /chats/upload`, the same page where Open WebUI opens it (its share
 * modal's community URL pointed at this instance; the page tells the two apart by its path). It is the owner app's second entry (packages/web/publish.html), with the app's
 * strict Content Security Policy, but without Cross-Origin-Opener-Policy: the page must keep
 * `window.opener`, the sending instance's tab, to say it is ready and to receive the
 * conversation. Framing stays forbidden, so no other site can put it under a hostile page.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WEB_DIST_DIR } from '@chatshare/web/paths';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CSP } from '../app/index.js';

export interface PublishRoutesOptions {
  /** The built app; default packages/web/dist. */
  root?: string;
}

export default async function publishRoutes(app: FastifyInstance, options: PublishRoutesOptions) {
  const file = path.join(options.root ?? WEB_DIST_DIR, 'publish.html');

  const handler = async (_request: FastifyRequest, reply: FastifyReply) => {
    reply
      .header('content-security-policy', APP_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'same-origin')
      .header('x-robots-tag', 'noindex, nofollow');
    let html: string;
    try {
      // Read per request (a few hundred bytes): a rebuild of the app is served at once.
      html = await readFile(file, 'utf8');
    } catch {
      return reply
        .status(503)
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send('The owner app has not been built. Run `npm run build:web` (or `npm start`, which builds it).\n');
    }
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  };
  app.get('/publish', { schema: { hide: true } }, handler);
  app.get('/chats/upload', { schema: { hide: true } }, handler);
}
