/**
 * CORS_ORIGINS (docs/decisions.md, "Cross-origin API"): a listed origin may use the whole API
 * with the user's cookie; any origin may read a share by its code and oEmbed, never as
 * someone; everything else gets no CORS headers, and cookie writes from it stay refused.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORS_MAX_AGE } from '../../src/plugins/cors.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, createConversation, createShare, signUp, type TestUser } from '../helpers/api.js';

const LISTED = 'https://app.example.com';
const UNLISTED = 'https://evil.example';

let t: TestApp;
let owner: TestUser;
let code: string;
let shareUrl: string;

beforeAll(async () => {
  t = await buildTestApp({ corsOrigins: [LISTED, 'http://127.0.0.1:5173'] });
  owner = await signUp(t.app);
  const conversation = await createConversation(t.app, owner);
  ({ shortCode: code, shareUrl } = await createShare(t.app, owner, {
    conversationId: conversation.id,
    privacy: 'unlisted',
  }));
});
afterAll(() => t.close());

function preflight(url: string, origin: string, method: string, requestHeaders?: string) {
  return t.app.inject({
    method: 'OPTIONS',
    url,
    headers: {
      origin,
      'access-control-request-method': method,
      ...(requestHeaders ? { 'access-control-request-headers': requestHeaders } : {}),
    },
  });
}

/** The answer's CORS headers only, so a test can say "none at all". */
const corsHeaders = (response: LightMyRequestResponse) =>
  Object.keys(response.headers).filter((name) => name.startsWith('access-control-'));

const list = (header: unknown) =>
  String(header ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase());

const tokenCount = async (user: TestUser) =>
  (await call(t.app, 'GET', '/api/v1/tokens', { auth: user.bearer })).json().items.length as number;
const shareCount = async (user: TestUser) =>
  (await call(t.app, 'GET', '/api/v1/shares', { auth: user.bearer })).json().items.length as number;

describe('an origin listed in CORS_ORIGINS', () => {
  it('gets its own origin back, with credentials and Vary: Origin, on a real request', async () => {
    const response = await call(t.app, 'GET', '/api/v1/me', { auth: owner.bearer, headers: { origin: LISTED } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe(LISTED);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(list(response.headers.vary)).toContain('origin');
    expect(list(response.headers['access-control-expose-headers'])).toContain('retry-after');
  });

  it('gets a 204 preflight naming the methods and the headers the SDK sends, with a max age', async () => {
    const response = await preflight('/api/v1/shares', LISTED, 'POST', 'authorization,content-type');
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(LISTED);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(list(response.headers['access-control-allow-methods'])).toEqual(
      expect.arrayContaining(['get', 'post', 'patch', 'delete']),
    );
    expect(list(response.headers['access-control-allow-headers'])).toEqual(
      expect.arrayContaining(['authorization', 'content-type']),
    );
    expect(response.headers['access-control-max-age']).toBe(String(CORS_MAX_AGE));
    expect(list(response.headers.vary)).toContain('origin');
  });

  it('can read errors too: a bad token is a 401 it may see', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { origin: LISTED, authorization: 'Bearer not-a-token' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['access-control-allow-origin']).toBe(LISTED);
  });

  it('can read a 429 and the Retry-After it carries', async () => {
    const limited = await buildTestApp(
      { corsOrigins: [LISTED] },
      { rateLimits: { shareMiss: { max: 1, windowMs: 60_000 } } },
    );
    try {
      const miss = () => call(limited.app, 'GET', '/api/v1/shared/AAAAAAAAAAAA', { headers: { origin: LISTED } });
      expect((await miss()).statusCode).toBe(404);
      const response = await miss();
      expect(response.statusCode).toBe(429);
      expect(response.headers['access-control-allow-origin']).toBe(LISTED);
      expect(response.headers['retry-after']).toBeDefined();
      expect(list(response.headers['access-control-expose-headers'])).toContain('retry-after');
    } finally {
      await limited.close();
    }
  });

  it('may write with the cookie: its POST creates a token', async () => {
    const user = await signUp(t.app);
    const before = await tokenCount(user);
    const response = await call(t.app, 'POST', '/api/v1/tokens', {
      auth: user.session,
      headers: { origin: LISTED },
      body: { name: 'from the app' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['access-control-allow-origin']).toBe(LISTED);
    expect(await tokenCount(user)).toBe(before + 1);
  });

  it('is compared exactly: a look-alike origin or "null" is not listed', async () => {
    for (const origin of [`${LISTED}.evil.example`, 'http://app.example.com', 'null']) {
      const response = await call(t.app, 'GET', '/api/v1/me', { auth: owner.bearer, headers: { origin } });
      expect(corsHeaders(response)).toEqual([]);
    }
  });
});

describe('an unlisted origin', () => {
  it('gets no CORS headers on a request, and no allow headers on a preflight', async () => {
    const response = await call(t.app, 'GET', '/api/v1/me', { auth: owner.bearer, headers: { origin: UNLISTED } });
    expect(response.statusCode).toBe(200);
    expect(corsHeaders(response)).toEqual([]);
    expect(list(response.headers.vary)).toContain('origin');
    const ask = await preflight('/api/v1/shares', UNLISTED, 'POST', 'authorization,content-type');
    expect(ask.statusCode).toBe(404);
    expect(corsHeaders(ask)).toEqual([]);
  });

  it('cannot write with the cookie: 403 csrf_rejected, and no token or share is created', async () => {
    const user = await signUp(t.app);
    const conversation = await createConversation(t.app, user);
    const [tokensBefore, sharesBefore] = [await tokenCount(user), await shareCount(user)];
    const token = await call(t.app, 'POST', '/api/v1/tokens', {
      auth: user.session,
      headers: { origin: UNLISTED },
      body: { name: 'stolen' },
    });
    const share = await call(t.app, 'POST', '/api/v1/shares', {
      auth: user.session,
      headers: { origin: UNLISTED },
      body: { conversationId: conversation.id, privacy: 'unlisted' },
    });
    for (const response of [token, share]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('csrf_rejected');
      expect(corsHeaders(response)).toEqual([]);
    }
    expect(await tokenCount(user)).toBe(tokensBefore);
    expect(await shareCount(user)).toBe(sharesBefore);
  });

  it('does not change what an API token may do: no cookie acts, so no CSRF check', async () => {
    const response = await call(t.app, 'POST', '/api/v1/tokens', {
      auth: owner.bearer,
      headers: { origin: UNLISTED },
      body: { name: 'script' },
    });
    expect(response.statusCode).toBe(201);
    expect(corsHeaders(response)).toEqual([]);
  });

  it('cannot read the listing or /config, which stay for listed origins', async () => {
    for (const url of ['/api/v1/shared', '/api/v1/config']) {
      const unlisted = await call(t.app, 'GET', url, { headers: { origin: UNLISTED } });
      expect(unlisted.statusCode).toBe(200);
      expect(corsHeaders(unlisted)).toEqual([]);
      const listed = await call(t.app, 'GET', url, { headers: { origin: LISTED } });
      expect(listed.headers['access-control-allow-origin']).toBe(LISTED);
      expect(list(listed.headers.vary)).toContain('origin');
    }
  });
});

describe('reads open to every origin', () => {
  it('answers GET and HEAD of /api/v1/shared/:code with * and no credentials', async () => {
    for (const method of ['GET', 'HEAD'] as const) {
      const response = await t.app.inject({ method, url: `/api/v1/shared/${code}`, headers: { origin: UNLISTED } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
      expect(list(response.headers.vary)).toContain('origin');
    }
  });

  it('answers a preflight for them with reads only, never Authorization', async () => {
    const response = await preflight(`/api/v1/shared/${code}`, UNLISTED, 'GET', 'authorization');
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(list(response.headers['access-control-allow-methods'])).toEqual(['get', 'head']);
    expect(list(response.headers['access-control-allow-headers'])).not.toContain('authorization');
    const write = await preflight(`/api/v1/shared/${code}/copies`, UNLISTED, 'POST');
    expect(corsHeaders(write)).toEqual([]);
  });

  it('echoes a listed origin with credentials there, so its cookie-mode SDK can read private links', async () => {
    const response = await call(t.app, 'GET', `/api/v1/shared/${code}`, { headers: { origin: LISTED } });
    expect(response.headers['access-control-allow-origin']).toBe(LISTED);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
  });

  it('answers /oembed with * and no credentials for every origin, listed or not', async () => {
    for (const origin of [UNLISTED, LISTED]) {
      const response = await call(t.app, 'GET', `/oembed?url=${encodeURIComponent(shareUrl)}`, {
        headers: { origin },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });

  it('are open even when CORS_ORIGINS is empty, while the rest of the API has no CORS at all', async () => {
    const plain = await buildTestApp();
    try {
      const user = await signUp(plain.app);
      const conversation = await createConversation(plain.app, user);
      const share = await createShare(plain.app, user, { conversationId: conversation.id, privacy: 'unlisted' });
      const open = await call(plain.app, 'GET', `/api/v1/shared/${share.shortCode}`, { headers: { origin: LISTED } });
      expect(open.headers['access-control-allow-origin']).toBe('*');
      const me = await call(plain.app, 'GET', '/api/v1/me', { auth: user.bearer, headers: { origin: LISTED } });
      expect(corsHeaders(me)).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});

describe('routes outside the API', () => {
  it('keep their own headers: no CORS and no Vary: Origin, even for a listed origin', async () => {
    for (const url of [`/s/${code}`, '/healthz', '/robots.txt']) {
      const response = await call(t.app, 'GET', url, { headers: { origin: LISTED } });
      expect(response.statusCode).toBe(200);
      expect(corsHeaders(response)).toEqual([]);
      expect(list(response.headers.vary)).not.toContain('origin');
    }
  });
});
