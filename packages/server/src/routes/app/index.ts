/**
 * The owner app (packages/web), served from its build under /app: hashed assets cached for a
 * year, index.html revalidated on every load (it names the current assets), and every other
 * path under /app answered with index.html so the app's own router shows the page. The build
 * ships `.br` and `.gz` copies, sent to browsers that accept them.
 *
 * The app gets a strict Content Security Policy: scripts, styles, fonts and API calls from this
 * origin only, images also as data: URLs (QR codes), nothing inline, no framing.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { WEB_DIST_DIR } from '@chatshare/web/paths';
import type { FastifyInstance, FastifyReply } from 'fastify';

export interface AppRoutesOptions {
  /** The built app; default packages/web/dist. */
  root?: string;
}

export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';

function securityHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', APP_CSP);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  // Not `same-origin`: "Publish to community" opens the community's /publish page, which needs
  // this tab as its opener to receive the conversation. Pages that open the app still get no
  // handle on it.
  reply.header('cross-origin-opener-policy', 'same-origin-allow-popups');
}

export default async function appRoutes(app: FastifyInstance, options: AppRoutesOptions) {
  const root = options.root ?? WEB_DIST_DIR;
  app.addHook('onRequest', async (_request, reply) => securityHeaders(reply));

  if (!existsSync(path.join(root, 'index.html'))) {
    // `npm start` builds the app first (prestart); only a server started some other way gets here.
    const unbuilt = async (_request: unknown, reply: FastifyReply) =>
      reply
        .status(503)
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send('The owner app has not been built. Run `npm run build:web` (or `npm start`, which builds it).\n');
    app.get('/', { schema: { hide: true } }, unbuilt);
    app.get('/*', { schema: { hide: true } }, unbuilt);
    return;
  }

  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    preCompressed: true,
    // Cache-Control is set below per file; the build stamp and other dotfiles stay private.
    cacheControl: false,
    dotfiles: 'deny',
    index: false,
    redirect: false,
    setHeaders: (reply, file) => {
      const hashed = path.relative(root, file).split(path.sep)[0] === 'assets';
      reply.header('cache-control', hashed ? IMMUTABLE : 'no-cache');
    },
  });

  const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
  app.get('/', { schema: { hide: true } }, async (_request, reply) => sendIndex(reply));

  // Any other path is a page of the app (deep links, reloads): index.html, whose router shows
  // it. A missing asset stays a 404, so a stale page fails visibly instead of parsing HTML as JS.
  app.setNotFoundHandler(async (request, reply) => {
    const url = request.url.split('?', 1)[0]!;
    if ((request.method !== 'GET' && request.method !== 'HEAD') || url.startsWith(`${app.prefix}/assets/`)) {
      return reply
        .status(404)
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send('Not found\n');
    }
    return sendIndex(reply);
  });
}
