import { RATE_LIMITS } from '@chatshare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, createConversation, createShare, signUp, type TestUser } from '../helpers/api.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  // The real limits, except sign-up, which the factories use freely.
  t = await buildTestApp({}, { rateLimits: { auth: { max: 1000, windowMs: 60_000 } } });
  owner = await signUp(t.app);
});
afterAll(() => t.close());

describe('rate limits', () => {
  it(`allows ${RATE_LIMITS.unlock.max} password attempts per share and address, then 429 with Retry-After`, async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id, password: 'right one' });
    const attempt = (ip: string, password = 'wrong') =>
      call(t.app, 'POST', `/s/${share.shortCode}/unlock`, { body: { password }, ip });
    for (let i = 0; i < RATE_LIMITS.unlock.max; i++) expect((await attempt('10.1.1.1')).statusCode).toBe(401);
    const limited = await attempt('10.1.1.1', 'right one');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await attempt('10.1.1.2', 'right one')).statusCode).toBe(200);
  });

  it(`slows down code guessing: ${RATE_LIMITS.shareMiss.max} misses per address, then 429 for unknown codes only`, async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id });
    const read = (code: string, ip = '10.2.2.2') => call(t.app, 'GET', `/api/v1/shared/${code}`, { ip });
    for (let i = 0; i < RATE_LIMITS.shareMiss.max; i++) {
      expect((await read(`GUESS${String(i).padStart(7, '0')}`)).statusCode).toBe(404);
    }
    const limited = await read('GUESSZZZZZZZ');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // A link that exists still opens for everyone behind that address (a shared NAT).
    expect((await read(share.shortCode)).statusCode).toBe(200);
    expect((await read('GUESSZZZZZZY', '10.2.2.3')).statusCode).toBe(404);
  });

  describe('past the miss limit, on every code-addressed path', () => {
    const MAX = 3;
    let limited: TestApp;
    let code: string;
    let withPassword: string;
    const IP = '10.3.3.3';
    const UNKNOWN = 'NOSUCHCODE00';
    let fresh = 0;
    const freshIp = () => `10.4.4.${++fresh}`;
    beforeAll(async () => {
      limited = await buildTestApp(
        {},
        { rateLimits: { auth: { max: 1000, windowMs: 60_000 }, shareMiss: { max: MAX, windowMs: 60_000 } } },
      );
      const user = await signUp(limited.app);
      const { id } = await createConversation(limited.app, user);
      code = (await createShare(limited.app, user, { conversationId: id })).shortCode;
      const { id: lockedId } = await createConversation(limited.app, user);
      withPassword = (await createShare(limited.app, user, { conversationId: lockedId, password: 'open sesame' }))
        .shortCode;
      // Tripped on the page: every path below draws on the same budget.
      for (let i = 0; i < MAX; i++) {
        const miss = await call(limited.app, 'GET', `/s/NOSUCHCODE${String(i).padStart(2, '1')}`, { ip: IP });
        expect(miss.statusCode).toBe(404);
      }
    });
    afterAll(() => limited.close());

    const paths: [string, (code: string) => [method: 'GET' | 'POST', url: string, body?: unknown]][] = [
      ['the page', (c) => ['GET', `/s/${c}`]],
      ['the Markdown', (c) => ['GET', `/s/${c}.md`]],
      ['the preview image', (c) => ['GET', `/s/${c}/og.png`]],
      ['the embed', (c) => ['GET', `/embed/${c}`]],
      ['oEmbed', (c) => ['GET', `/oembed?url=${encodeURIComponent(`http://localhost:3000/s/${c}`)}`]],
      ['the JSON', (c) => ['GET', `/api/v1/shared/${c}`]],
      ['the report form', (c) => ['GET', `/s/${c}/report`]],
      ['the report API', (c) => ['POST', `/api/v1/shared/${c}/reports`, { reason: 'spam' }]],
    ];

    it.each(paths)('%s: a real link still opens, an unknown one is 429 with Retry-After', async (_name, route) => {
      const [method, url, body] = route(code);
      const open = await call(limited.app, method, url, { ip: IP, ...(body ? { body } : {}) });
      expect(open.statusCode).toBeLessThan(300);
      const [missMethod, missUrl, missBody] = route(UNKNOWN);
      const miss = await call(limited.app, missMethod, missUrl, { ip: IP, ...(missBody ? { body: missBody } : {}) });
      expect(miss.statusCode).toBe(429);
      expect(Number(miss.headers['retry-after'])).toBeGreaterThan(0);
      // Another address has missed nothing yet.
      const fresh = await call(limited.app, missMethod, missUrl, {
        ip: freshIp(),
        ...(missBody ? { body: missBody } : {}),
      });
      expect(fresh.statusCode).toBe(404);
    });

    it('the unlock form: a real link still takes its password, an unknown one is 429', async () => {
      const unlock = (c: string, ip?: string) =>
        call(limited.app, 'POST', `/s/${c}/unlock`, { ip, body: { password: 'open sesame' } });
      expect((await unlock(withPassword, IP)).statusCode).toBe(200);
      const miss = await unlock(UNKNOWN, IP);
      expect(miss.statusCode).toBe(429);
      expect(miss.json().error.code).toBe('rate_limited');
      expect((await unlock(UNKNOWN, freshIp())).statusCode).toBe(404);
    });

    it('shows the "too many requests" page for an unknown code, and the conversation for a real one', async () => {
      const miss = await call(limited.app, 'GET', `/s/${UNKNOWN}`, { ip: IP });
      expect(miss.body).toContain('Too many requests');
      const open = await call(limited.app, 'GET', `/s/${code}`, { ip: IP });
      expect(open.statusCode).toBe(200);
      expect(open.headers['retry-after']).toBeUndefined();
    });
  });

  it(`limits share creation to ${RATE_LIMITS.shareCreate.max} a minute per user`, async () => {
    const busy = await signUp(t.app);
    const other = await signUp(t.app);
    const { id } = await createConversation(t.app, busy);
    let last = 0;
    for (let i = 0; i <= RATE_LIMITS.shareCreate.max; i++) {
      last = (await call(t.app, 'POST', '/api/v1/shares', { auth: busy.bearer, body: { conversationId: id } }))
        .statusCode;
    }
    expect(last).toBe(429);
    const { id: otherId } = await createConversation(t.app, other);
    expect(
      (await call(t.app, 'POST', '/api/v1/shares', { auth: other.bearer, body: { conversationId: otherId } }))
        .statusCode,
    ).toBe(201);
  });

  it('limits sign-in attempts per address', async () => {
    const strict = await buildTestApp({}, { rateLimits: {} });
    try {
      let last = 0;
      for (let i = 0; i <= RATE_LIMITS.auth.max; i++) {
        last = (
          await call(strict.app, 'POST', '/api/v1/auth/signin', { body: { email: 'x@example.com', password: 'nope' } })
        ).statusCode;
      }
      expect(last).toBe(429);
    } finally {
      await strict.close();
    }
  });
});
