/**
 * Cross-origin access to the API (docs/design.md §URLs and API, docs/decisions.md "Cross-origin API"), through
 * @fastify/cors with a delegator that picks the rules for each request:
 * - an origin in CORS_ORIGINS, on `/api/v1/*`: that origin echoed, with credentials;
 * - any origin, on reads addressed by a share code (`GET /api/v1/shared/:code`, `/oembed`):
 *   `*` without credentials, so a browser lets a page read only answers it got without a cookie;
 * - anything else: no CORS headers, and a preflight falls through to the 404.
 * Routes outside the API opt out entirely, so pages answer exactly as before.
 */
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` takes a route out of CORS altogether (read by @fastify/cors). */
    cors?: false;
  }
}

const API_PREFIX = '/api/v1/';
const OEMBED_PATH = '/oembed';
/** The JSON of one share: anonymous callers get what its public page shows anonymously. */
const SHARED_BY_CODE = /^\/api\/v1\/shared\/[^/]+\/?$/;
const READ_METHODS = new Set(['GET', 'HEAD']);

/** Seconds a browser may reuse a preflight answer; short, so removing an origin soon counts. */
export const CORS_MAX_AGE = 600;

/** Headers the SDK (packages/client) reads, and the rate-limit budget an app may pace itself by. */
const EXPOSED_HEADERS = ['Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];

const LISTED: FastifyCorsOptions = {
  credentials: true,
  methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
  // What the SDK sends (packages/client/src/http.ts); Accept is always allowed.
  allowedHeaders: ['Authorization', 'Content-Type'],
  exposedHeaders: EXPOSED_HEADERS,
  maxAge: CORS_MAX_AGE,
};

/** For everyone: reading only, and never as someone (no Authorization, no credentials). */
const OPEN: FastifyCorsOptions = {
  origin: '*',
  credentials: false,
  methods: ['GET', 'HEAD'],
  allowedHeaders: ['Content-Type'],
  exposedHeaders: EXPOSED_HEADERS,
  maxAge: CORS_MAX_AGE,
};

const NONE: FastifyCorsOptions = { origin: false };

/** Whether a route (or a path) is one CORS speaks for at all. */
const inScope = (path: string) => path.startsWith(API_PREFIX) || path.replace(/\/$/, '') === OEMBED_PATH;

/** The method the request is about: a preflight names it in Access-Control-Request-Method. */
function intendedMethod(request: FastifyRequest): string | undefined {
  if (request.method !== 'OPTIONS') return request.method;
  const asked = request.headers['access-control-request-method'];
  return typeof asked === 'string' ? asked : undefined;
}

/**
 * The CORS rules for one request. `*` is safe for the open reads whatever their route says:
 * a browser never lets a page read a `*` answer to a request that carried a cookie.
 */
function corsRulesFor(request: FastifyRequest, listed: ReadonlySet<string>): FastifyCorsOptions {
  const origin = request.headers.origin;
  const path = request.url.split('?', 1)[0] ?? '';
  if (origin === undefined || !inScope(path)) return NONE;
  const read = READ_METHODS.has(intendedMethod(request) ?? '');
  // oEmbed is anonymous by construction, and its handler already answers `*`: the same for all.
  if (!path.startsWith(API_PREFIX)) return read ? OPEN : NONE;
  if (listed.has(origin)) return { ...LISTED, origin };
  return read && SHARED_BY_CODE.test(path) ? OPEN : NONE;
}

export default fp(
  async function corsPlugin(app: FastifyInstance) {
    const listed: ReadonlySet<string> = new Set(app.config.corsOrigins);
    // Pages keep their own headers (no `Vary: Origin`); '*' is the library's preflight route.
    app.addHook('onRoute', (route) => {
      if (route.url !== '*' && !inScope(route.url)) route.config = { ...route.config, cors: false };
    });
    await app.register(cors, {
      delegator: (request, callback) => callback(null, corsRulesFor(request, listed)),
    });
  },
  { name: 'cors', dependencies: ['context'] },
);
