import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, cookieFrom, createConversation, createShare, signUp, type TestUser } from '../helpers/api.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp(
    {},
    { rateLimits: { auth: { max: 1000, windowMs: 60_000 }, unlock: { max: 1000, windowMs: 60_000 } } },
  );
  owner = await signUp(t.app);
});
afterAll(() => t.close());

async function passwordShare(password = 'open sesame', extra: Record<string, unknown> = {}) {
  const { id } = await createConversation(t.app, owner);
  return createShare(t.app, owner, { conversationId: id, password, ...extra });
}

const unlock = (code: string, password: string, form = false) =>
  form
    ? t.app.inject({
        method: 'POST',
        url: `/s/${code}/unlock`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `password=${encodeURIComponent(password)}`,
      })
    : call(t.app, 'POST', `/s/${code}/unlock`, { body: { password } });

describe('password-protected links', () => {
  it('needs the password, then a signed HttpOnly cookie scoped to the share lets the viewer in', async () => {
    const share = await passwordShare();
    const locked = await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('password_required');
    expect(locked.body).not.toContain('Lisbon');

    const wrong = await unlock(share.shortCode, 'guess');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('wrong_password');
    expect(wrong.cookies).toHaveLength(0);

    const right = await unlock(share.shortCode, 'open sesame');
    expect(right.statusCode).toBe(200);
    const cookie = right.cookies.find((c) => c.name === `cs_unlock_${share.shortCode}`)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.maxAge).toBe(24 * 3600);
    const open = await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, {
      headers: { cookie: `${cookie.name}=${cookie.value}` },
    });
    expect(open.statusCode).toBe(200);
    expect(open.json().title).toBe('Planning a trip to Lisbon');
  });

  it('takes the HTML form and redirects back to the page', async () => {
    const share = await passwordShare();
    const right = await unlock(share.shortCode, 'open sesame', true);
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe(`/s/${share.shortCode}`);
    expect(cookieFrom(right, `cs_unlock_${share.shortCode}`)).toBeDefined();
    const wrong = await unlock(share.shortCode, 'nope', true);
    expect(wrong.statusCode).toBe(303);
    expect(wrong.headers.location).toBe(`/s/${share.shortCode}?error=wrong_password`);
  });

  it("does not let one share's cookie open another", async () => {
    const a = await passwordShare('same password');
    const b = await passwordShare('same password');
    const cookie = (await unlock(a.shortCode, 'same password')).cookies[0]!;
    const response = await call(t.app, 'GET', `/api/v1/shared/${b.shortCode}`, {
      headers: { cookie: `cs_unlock_${b.shortCode}=${cookie.value}` },
    });
    expect(response.statusCode).toBe(401);
  });

  it('rejects a forged cookie', async () => {
    const share = await passwordShare();
    const cookie = (await unlock(share.shortCode, 'open sesame')).cookies[0]!;
    const [code, version, expires, mac] = cookie.value.split('.');
    const forged = `${code}.${Number(version) + 1}.${expires}.${mac}`;
    const response = await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, {
      headers: { cookie: `${cookie.name}=${forged}` },
    });
    expect(response.statusCode).toBe(401);
  });

  it('signs everyone out when the password changes, and only the new one works', async () => {
    const share = await passwordShare('first password');
    const cookie = (await unlock(share.shortCode, 'first password')).cookies[0]!;
    const header = { cookie: `${cookie.name}=${cookie.value}` };
    expect((await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, { headers: header })).statusCode).toBe(200);
    await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: owner.bearer,
      body: { password: 'second password' },
    });
    expect((await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, { headers: header })).statusCode).toBe(401);
    expect((await unlock(share.shortCode, 'first password')).statusCode).toBe(401);
    expect((await unlock(share.shortCode, 'second password')).statusCode).toBe(200);
  });

  it('lets anyone in once the password is removed', async () => {
    const share = await passwordShare();
    const patched = await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: owner.bearer,
      body: { password: null },
    });
    expect(patched.json().settings.hasPassword).toBe(false);
    expect((await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`)).statusCode).toBe(200);
  });

  it('expires the unlock cookie after a day', async () => {
    const share = await passwordShare();
    const cookie = (await unlock(share.shortCode, 'open sesame')).cookies[0]!;
    t.clock.advance(24 * 3600_000 + 1000);
    const response = await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, {
      headers: { cookie: `${cookie.name}=${cookie.value}` },
    });
    expect(response.statusCode).toBe(401);
  });

  it('answers unlock attempts on unknown, revoked and expired links as the read would', async () => {
    expect((await unlock('AAAAAAAAAAAA', 'x')).statusCode).toBe(404);
    const revoked = await passwordShare();
    await call(t.app, 'DELETE', `/api/v1/shares/${revoked.settings.id}`, { auth: owner.bearer });
    expect((await unlock(revoked.shortCode, 'open sesame')).statusCode).toBe(404);
    const expiring = await passwordShare('open sesame', { expiresIn: 1 });
    t.clock.advance(3600_000);
    const expired = await unlock(expiring.shortCode, 'open sesame');
    expect(expired.statusCode).toBe(410);
    expect(expired.cookies).toHaveLength(0);
  });

  it('rejects a missing or non-string password with validation_failed', async () => {
    const share = await passwordShare();
    for (const body of [{}, { password: 5 }, { password: 'x', extra: 1 }]) {
      const response = await call(t.app, 'POST', `/s/${share.shortCode}/unlock`, { body });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
  });
});

describe('expiry', () => {
  it('works until the moment it expires, then answers 410 (injected clock)', async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id, expiresIn: 0.5 });
    expect(share.settings.expiresAt).toBe(new Date(t.clock.now().getTime() + 1800_000).toISOString());
    t.clock.advance(1800_000 - 1);
    expect((await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`)).statusCode).toBe(200);
    t.clock.advance(1);
    const expired = await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('share_expired');
    const settings = (await call(t.app, 'GET', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer })).json()
      .settings;
    expect(settings.status).toBe('expired');
    // The owner still sees it, and can give it more time.
    expect((await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, { auth: owner.bearer })).statusCode).toBe(
      200,
    );
    await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: owner.bearer,
      body: { expiresIn: null },
    });
    expect((await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`)).statusCode).toBe(200);
  });
});

describe('view limits', () => {
  it('allows exactly maxViews views, even when they arrive at once', async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id, maxViews: 5 });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => call(t.app, 'POST', `/api/v1/shared/${share.shortCode}/reveal`)),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 410)).toHaveLength(15);
    const settings = (await call(t.app, 'GET', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer })).json()
      .settings;
    expect(settings.viewCount).toBe(5);
    expect(settings.status).toBe('expired');
  });
});
