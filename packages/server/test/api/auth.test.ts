import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, cookieFrom, ORIGIN, signUp, verifyEmail } from '../helpers/api.js';

let t: TestApp;
beforeAll(async () => void (t = await buildTestApp()));
afterAll(() => t.close());

describe('accounts', () => {
  it('signs up, sets an HttpOnly Lax session cookie and reports the user at /me', async () => {
    const response = await call(t.app, 'POST', '/api/v1/auth/signup', {
      body: { email: 'Mixed.Case@Example.com', password: 'long enough password', name: 'Mia' },
    });
    expect(response.statusCode).toBe(201);
    const cookie = response.cookies.find((c) => c.name === 'cs_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    const me = await call(t.app, 'GET', '/api/v1/me', { auth: { cookie: `cs_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ email: 'mixed.case@example.com', name: 'Mia', emailVerified: false });
    expect(JSON.stringify(me.json())).not.toContain('password');
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    await signUp(t.app, 'dup@example.com');
    const response = await call(t.app, 'POST', '/api/v1/auth/signup', {
      body: { email: 'DUP@example.com', password: 'another password' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('email_taken');
  });

  it('rejects short passwords, bad emails and unknown fields with validation_failed', async () => {
    for (const body of [
      { email: 'x@example.com', password: 'short' },
      { email: 'not-an-email', password: 'long enough password' },
      { email: 'x@example.com', password: 'long enough password', admin: true },
      { email: 42, password: 'long enough password' },
    ]) {
      const response = await call(t.app, 'POST', '/api/v1/auth/signup', { body });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
  });

  it('signs in with the right password only, with the same answer for unknown emails', async () => {
    await signUp(t.app, 'signin@example.com');
    const ok = await call(t.app, 'POST', '/api/v1/auth/signin', {
      body: { email: 'signin@example.com', password: 'correct horse battery' },
    });
    expect(ok.statusCode).toBe(200);
    expect(cookieFrom(ok, 'cs_session')).toBeDefined();
    const wrong = await call(t.app, 'POST', '/api/v1/auth/signin', {
      body: { email: 'signin@example.com', password: 'wrong password!' },
    });
    const unknown = await call(t.app, 'POST', '/api/v1/auth/signin', {
      body: { email: 'nobody@example.com', password: 'wrong password!' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('signs out: the old session cookie no longer works', async () => {
    const user = await signUp(t.app);
    const out = await call(t.app, 'POST', '/api/v1/auth/signout', { auth: user.session });
    expect(out.statusCode).toBe(204);
    const me = await call(t.app, 'GET', '/api/v1/me', { auth: user.session });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('unauthenticated');
  });

  it('verifies the email through the signed link in the mail, once', async () => {
    const user = await signUp(t.app);
    await verifyEmail(t.app, t.mailer.sent, user.email);
    const me = await call(t.app, 'GET', '/api/v1/me', { auth: user.bearer });
    expect(me.json().user.emailVerified).toBe(true);
  });

  it('refuses a tampered or expired verification token', async () => {
    const user = await signUp(t.app);
    const link = t.mailer.sent.find((mail) => mail.to === user.email)!.text.match(/token=(\S+)/)![1]!;
    const token = decodeURIComponent(link);
    const tampered = await call(t.app, 'POST', '/api/v1/auth/verify', { body: { token: `${token.slice(0, -2)}xx` } });
    expect(tampered.statusCode).toBe(400);
    expect(tampered.json().error.code).toBe('invalid_token');
    t.clock.advance(49 * 3600_000);
    const expired = await call(t.app, 'POST', '/api/v1/auth/verify', { body: { token } });
    expect(expired.json().error.code).toBe('invalid_token');
    t.clock.advance(-49 * 3600_000);
  });

  it('refuses sign-up when ENABLE_SIGNUP is off', async () => {
    const closed = await buildTestApp({ enableSignup: false });
    try {
      const response = await call(closed.app, 'POST', '/api/v1/auth/signup', {
        body: { email: 'x@example.com', password: 'long enough password' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('signup_disabled');
    } finally {
      await closed.close();
    }
  });

  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const secure = await buildTestApp({ publicUrl: 'https://share.example.com' });
    try {
      const response = await call(secure.app, 'POST', '/api/v1/auth/signup', {
        body: { email: 'secure@example.com', password: 'long enough password' },
      });
      expect(response.cookies.find((c) => c.name === 'cs_session')!.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });
});

describe('CSRF protection on cookie sessions', () => {
  it('refuses a state change from another origin, or with no Origin at all', async () => {
    const user = await signUp(t.app);
    const foreign = await call(t.app, 'POST', '/api/v1/tokens', {
      auth: user.session,
      headers: { origin: 'https://evil.example' },
      body: { name: 'x' },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('csrf_rejected');
    const crossSite = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: user.cookie, 'sec-fetch-site': 'cross-site' },
      payload: { name: 'x' },
    });
    expect(crossSite.statusCode).toBe(403);
    const bare = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: user.cookie },
      payload: { name: 'x' },
    });
    expect(bare.statusCode).toBe(403);
    const list = await call(t.app, 'GET', '/api/v1/tokens', { auth: user.bearer });
    expect(list.json().items).toHaveLength(1);
  });

  it('accepts the same origin, and API tokens without any Origin', async () => {
    const user = await signUp(t.app);
    const same = await call(t.app, 'POST', '/api/v1/tokens', {
      auth: user.session,
      headers: { origin: ORIGIN },
      body: { name: 'browser' },
    });
    expect(same.statusCode).toBe(201);
    const token = await call(t.app, 'POST', '/api/v1/tokens', { auth: user.bearer, body: { name: 'script' } });
    expect(token.statusCode).toBe(201);
  });
});

describe('API tokens', () => {
  it('creates a token shown once, lists it without the secret, and revokes it', async () => {
    const user = await signUp(t.app);
    const created = await call(t.app, 'POST', '/api/v1/tokens', { auth: user.bearer, body: { name: 'ci' } });
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^cs_/);
    const list = await call(t.app, 'GET', '/api/v1/tokens', { auth: { token } });
    expect(list.statusCode).toBe(200);
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect(list.json().items.map((item: { name: string }) => item.name)).toEqual(
      expect.arrayContaining(['ci', 'tests']),
    );
    const revoked = await call(t.app, 'DELETE', `/api/v1/tokens/${apiToken.id}`, { auth: user.bearer });
    expect(revoked.statusCode).toBe(204);
    const after = await call(t.app, 'GET', '/api/v1/me', { auth: { token } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('invalid_api_token');
  });

  it('records when a token was last used, to the minute', async () => {
    const user = await signUp(t.app);
    const lastUsed = async () =>
      (await call(t.app, 'GET', '/api/v1/tokens', { auth: user.bearer })).json().items[0].lastUsedAt as string;
    const first = await lastUsed();
    expect(first).toBe(t.clock.now().toISOString());
    t.clock.advance(30_000);
    expect(await lastUsed()).toBe(first);
    t.clock.advance(31_000);
    expect(await lastUsed()).toBe(t.clock.now().toISOString());
  });

  it("answers 404 when revoking another user's token", async () => {
    const owner = await signUp(t.app);
    const other = await signUp(t.app);
    const id = (await call(t.app, 'GET', '/api/v1/tokens', { auth: owner.bearer })).json().items[0].id;
    const response = await call(t.app, 'DELETE', `/api/v1/tokens/${id}`, { auth: other.bearer });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('token_not_found');
    expect((await call(t.app, 'GET', '/api/v1/me', { auth: owner.bearer })).statusCode).toBe(200);
  });

  it('accepts a DELETE that declares a JSON body but sends none', async () => {
    const user = await signUp(t.app);
    const id = (await call(t.app, 'GET', '/api/v1/tokens', { auth: user.bearer })).json().items[0].id;
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${id}`,
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(204);
  });

  it('answers 401 for a malformed Authorization header', async () => {
    const response = await call(t.app, 'GET', '/api/v1/me', { headers: { authorization: 'Basic abc' } });
    expect(response.statusCode).toBe(401);
  });
});
