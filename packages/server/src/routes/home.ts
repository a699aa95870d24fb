/**
 * `GET /`: the instance's front page, server-rendered without a script. It says what the
 * service does and leads to sign-in, sign-up (only where it is open) or, for someone already
 * signed in, their conversations. Who is signed in is known already: the auth plugin reads
 * the session cookie of every request.
 */
import type { FastifyInstance } from 'fastify';
import { negotiateLocale } from '../views/i18n.js';
import { renderLandingPage } from '../views/render-landing.js';
import { setPageHeaders } from './pages/page-reply.js';

/** The page differs by language and by whether a session cookie signs someone in. */
const CACHE_CONTROL = 'private, no-cache';

export default async function homeRoutes(app: FastifyInstance) {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    const html = renderLandingPage(
      {
        signupEnabled: app.config.enableSignup,
        openSharing: app.config.enableOpenSharing,
        signedIn: request.user !== null,
      },
      locale,
      app.config.publicUrl,
    );
    setPageHeaders(reply);
    reply.headers({ 'cache-control': CACHE_CONTROL, vary: 'Accept-Language, Cookie' });
    return reply.send(html);
  });
}
