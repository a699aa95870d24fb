/** PATCH /api/v1/me: setting, changing and clearing the display name, within the sign-up limits. */
import { LIMITS } from '@chatshare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, createConversation, createShare, signUp, type Auth, type TestUser } from '../helpers/api.js';

let t: TestApp;
beforeAll(async () => void (t = await buildTestApp()));
afterAll(() => t.close());

const patchMe = (auth: Auth | undefined, body: unknown, headers: Record<string, string> = {}) =>
  call(t.app, 'PATCH', '/api/v1/me', { ...(auth ? { auth } : {}), body, headers });

const nameOf = async (user: TestUser) =>
  ((await call(t.app, 'GET', '/api/v1/me', { auth: user.bearer })).json() as { user: { name: string | null } }).user
    .name;

describe('changing my display name', () => {
  it('sets a name skipped at sign-up, with the session cookie, and /me reports it', async () => {
    const user = await signUp(t.app);
    expect(await nameOf(user)).toBeNull();
    const response = await patchMe(user.session, { name: 'Ada Lovelace' });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ id: user.id, email: user.email, name: 'Ada Lovelace' });
    expect(Object.keys(response.json().user).sort()).toEqual(
      ['createdAt', 'email', 'emailVerified', 'id', 'isAdmin', 'name'].sort(),
    );
    expect(await nameOf(user)).toBe('Ada Lovelace');
  });

  it('changes it with an API token, trimmed and on one line like at sign-up', async () => {
    const user = await signUp(t.app);
    await patchMe(user.bearer, { name: 'First' });
    const response = await patchMe(user.bearer, { name: '  Grace \n\t Hopper\u0007  ' });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.name).toBe('Grace Hopper');
    expect(await nameOf(user)).toBe('Grace Hopper');
  });

  it('clears it with an empty string, with only spaces, and with null', async () => {
    const user = await signUp(t.app);
    for (const name of ['', '   \n ', null]) {
      await patchMe(user.bearer, { name: 'Someone' });
      expect(await nameOf(user)).toBe('Someone');
      const response = await patchMe(user.bearer, { name });
      expect(response.statusCode).toBe(200);
      expect(response.json().user.name).toBeNull();
      expect(await nameOf(user)).toBeNull();
    }
  });

  it('takes a name of exactly the sign-up limit, and keeps markup as plain text', async () => {
    const user = await signUp(t.app);
    const longest = 'x'.repeat(LIMITS.displayNameLength);
    expect((await patchMe(user.bearer, { name: longest })).json().user.name).toBe(longest);
    const hostile = '<img src=x onerror=alert(1)> {{date}}';
    expect((await patchMe(user.bearer, { name: hostile })).json().user.name).toBe(hostile);
  });

  it('refuses a name too long, a wrong type, a missing name or another field with 400 validation_failed, changing nothing', async () => {
    const user = await signUp(t.app);
    await patchMe(user.bearer, { name: 'Kept' });
    for (const body of [
      { name: 'x'.repeat(LIMITS.displayNameLength + 1) },
      { name: 42 },
      { name: ['Ada'] },
      {},
      { name: 'Ada', email: 'other@example.com' },
      { name: 'Ada', isAdmin: true },
    ]) {
      const response = await patchMe(user.bearer, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
    }
    expect(await nameOf(user)).toBe('Kept');
    const me = (await call(t.app, 'GET', '/api/v1/me', { auth: user.bearer })).json().user;
    expect(me).toMatchObject({ email: user.email, isAdmin: expect.any(Boolean) });
  });

  it('needs a signed-in user (401) and, with the cookie, a request from this site (403)', async () => {
    const anonymous = await patchMe(undefined, { name: 'Nobody' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthenticated');

    const user = await signUp(t.app);
    const crossSite = await patchMe(user.session, { name: 'Mallory' }, { origin: 'https://evil.example' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().error.code).toBe('csrf_rejected');
    expect(await nameOf(user)).toBeNull();
  });

  it('changes only my own account', async () => {
    const [me, other] = [await signUp(t.app), await signUp(t.app)];
    await patchMe(other.bearer, { name: 'Other' });
    await patchMe(me.bearer, { name: 'Me' });
    expect(await nameOf(other)).toBe('Other');
    expect(await nameOf(me)).toBe('Me');
  });

  it('is in the OpenAPI document with its body and error responses', async () => {
    const doc = (await call(t.app, 'GET', '/api/docs/json')).json();
    const operation = doc.paths['/api/v1/me'].patch;
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401']));
    expect(operation.requestBody.content['application/json'].schema.properties.name).toBeDefined();
  });
});

describe('the name on live links', () => {
  it('is read when the link is viewed: the JSON of a link with "Show my name" follows every change', async () => {
    const user = await signUp(t.app);
    const { id } = await createConversation(t.app, user);
    const share = await createShare(t.app, user, { conversationId: id, showAuthor: true });
    const sharedBy = async () =>
      (await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`)).json().sharedBy as string | null;
    expect(await sharedBy()).toBeNull();
    await patchMe(user.bearer, { name: 'Ada Lovelace' });
    expect(await sharedBy()).toBe('Ada Lovelace');
    await patchMe(user.bearer, { name: 'Ada King' });
    expect(await sharedBy()).toBe('Ada King');
    await patchMe(user.bearer, { name: '' });
    expect(await sharedBy()).toBeNull();
  });

  it('is never given for a link without "Show my name"', async () => {
    const user = await signUp(t.app);
    await patchMe(user.bearer, { name: 'Hidden Name' });
    const { id } = await createConversation(t.app, user);
    const share = await createShare(t.app, user, { conversationId: id, showAuthor: false });
    const response = await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`);
    expect(response.json().sharedBy).toBeNull();
    expect(response.body).not.toContain('Hidden Name');
  });
});
