/**
 * Who is asking: a session cookie or `Authorization: Bearer <api token>`. Also the CSRF
 * guard: a state-changing request that rides on the cookie must come from our own origin or
 * one listed in CORS_ORIGINS.
 */
import { errors } from '@chatshare/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { User } from '../repositories/users.js';

export const SESSION_COOKIE = 'cs_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    authVia: 'session' | 'token' | null;
  }
  interface FastifyInstance {
    setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date): void;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The origins allowed to act with the cookie: PUBLIC_URL, the host the request came to, and
 * the apps listed in CORS_ORIGINS (they may already do anything through the API, so their
 * form posts to pages add nothing).
 */
function isTrustedOrigin(
  request: FastifyRequest,
  origin: string,
  publicUrl: string,
  listed: ReadonlySet<string>,
): boolean {
  if (origin === new URL(publicUrl).origin || listed.has(origin)) return true;
  return origin === `${request.protocol}://${request.host}`;
}

/** Rejects cross-site state changes. Browsers send Origin (or Sec-Fetch-Site) on every unsafe request. */
function checkCsrf(request: FastifyRequest, publicUrl: string, listed: ReadonlySet<string>): void {
  if (SAFE_METHODS.has(request.method) || request.authVia === 'token') return;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (!isTrustedOrigin(request, origin, publicUrl, listed)) throw errors.csrf();
    return;
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) {
    if (site !== 'same-origin' && site !== 'none') throw errors.csrf();
    return;
  }
  // Neither header: not a browser, or a very old one. Refuse only when a cookie would act.
  if (request.authVia === 'session') {
    throw errors.csrf('Requests signed in by cookie must send an Origin header; scripts should use an API token.');
  }
}

export default fp(
  async function auth(app: FastifyInstance) {
    const secure = app.config.publicUrl.startsWith('https:');
    const listedOrigins: ReadonlySet<string> = new Set(app.config.corsOrigins);
    app.decorateRequest('user', null);
    app.decorateRequest('authVia', null);

    app.decorate('setSessionCookie', (reply: FastifyReply, token: string, expiresAt: Date) => {
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        expires: expiresAt,
      });
    });

    app.addHook('onRequest', async (request) => {
      // /metrics checks its own bearer token (METRICS_TOKEN), which is no API token.
      if (request.routeOptions.config.ownAuthorization === true) return;
      const header = request.headers.authorization;
      if (header !== undefined) {
        const match = /^Bearer\s+(\S+)$/i.exec(header);
        const user = match ? await app.repos.apiTokens.findUser(match[1]!) : undefined;
        if (!user) throw errors.invalidApiToken();
        request.user = user;
        request.authVia = 'token';
      } else {
        const token = request.cookies[SESSION_COOKIE];
        const user = token ? await app.repos.sessions.findUser(token) : undefined;
        if (user) {
          request.user = user;
          request.authVia = 'session';
        }
      }
      checkCsrf(request, app.config.publicUrl, listedOrigins);
    });
  },
  { name: 'auth', dependencies: ['context'] },
);

/** The signed-in user, or a 401. */
export function requireUser(request: FastifyRequest): User {
  if (!request.user) throw errors.unauthenticated();
  return request.user;
}
