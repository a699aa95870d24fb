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

  it(`slows down code guessing: ${RATE_LIMITS.shareMiss.max} misses per address, then 429 even for real codes`, async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id });
    for (let i = 0; i < RATE_LIMITS.shareMiss.max; i++) {
      const miss = await call(t.app, 'GET', `/api/v1/shared/GUESS${String(i).padStart(7, '0')}`, { ip: '10.2.2.2' });
      expect(miss.statusCode).toBe(404);
    }
    const limited = await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, { ip: '10.2.2.2' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, { ip: '10.2.2.3' })).statusCode).toBe(200);
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
