import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import {
  browserClient,
  failure,
  PASSWORD,
  signedUpTokenClient,
  startServer,
  verificationToken,
  type TestServer,
} from './helpers/server.js';

let server: TestServer;
beforeAll(async () => void (server = await startServer()));
afterAll(() => server.close());

describe('accounts', () => {
  it('signs up in cookie mode and then reads the signed-in user with me()', async () => {
    const { client, cookies } = browserClient(server.baseUrl);
    const { user } = await client.auth.signup({ email: 'Ada@Example.com', password: PASSWORD, name: 'Ada' });
    expect(user).toMatchObject({ email: 'ada@example.com', name: 'Ada', emailVerified: false });
    expect(cookies.has('cs_session')).toBe(true);
    expect((await client.me()).user.id).toBe(user.id);
  });

  it('refuses a cookie-authenticated change without an Origin header, so scripts must use a token', async () => {
    const { client, cookies } = browserClient(server.baseUrl);
    await client.auth.signup({ email: 'script@example.com', password: PASSWORD });
    const script = createClient({
      baseUrl: server.baseUrl,
      headers: { cookie: `cs_session=${cookies.get('cs_session')}` },
    });
    // Reading is fine; only state changes need the Origin header.
    expect((await script.me()).user.email).toBe('script@example.com');
    expect(await failure(script.tokens.create({ name: 'from a script' }))).toMatchObject({
      status: 403,
      code: 'csrf_rejected',
    });
  });

  it('answers session() with null for nobody, where me() is unauthenticated, and with the user once signed in', async () => {
    const { client } = browserClient(server.baseUrl);
    await expect(client.auth.session()).resolves.toEqual({ user: null });
    expect(await failure(client.me())).toMatchObject({ status: 401, code: 'unauthenticated' });
    const { user } = await client.auth.signup({ email: 'session@example.com', password: PASSWORD });
    await expect(client.auth.session()).resolves.toEqual({ user });
  });

  it('signs out, after which neither the client nor a copy of the old cookie is signed in', async () => {
    const { client, cookies } = browserClient(server.baseUrl);
    await client.auth.signup({ email: 'leaving@example.com', password: PASSWORD });
    const oldCookie = `cs_session=${cookies.get('cs_session')}`;
    await expect(client.auth.signout()).resolves.toBeUndefined();
    expect(cookies.has('cs_session')).toBe(false);
    expect(await failure(client.me())).toMatchObject({ status: 401, code: 'unauthenticated' });
    const copy = createClient({ baseUrl: server.baseUrl, headers: { cookie: oldCookie } });
    expect(await failure(copy.me())).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('signs in with the right password and reports invalid_credentials for a wrong one', async () => {
    await browserClient(server.baseUrl).client.auth.signup({ email: 'returning@example.com', password: PASSWORD });
    const { client, cookies } = browserClient(server.baseUrl);
    const { user } = await client.auth.signin({ email: 'returning@example.com', password: PASSWORD });
    expect(user.email).toBe('returning@example.com');
    expect(cookies.has('cs_session')).toBe(true);
    const error = await failure(client.auth.signin({ email: 'returning@example.com', password: 'not the password' }));
    expect(error).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(error.message).not.toBe('');
  });

  it('reports email_taken (409) for a second account with the same email', async () => {
    await browserClient(server.baseUrl).client.auth.signup({ email: 'twice@example.com', password: PASSWORD });
    const second = browserClient(server.baseUrl).client.auth.signup({ email: 'TWICE@example.com', password: PASSWORD });
    expect(await failure(second)).toMatchObject({ status: 409, code: 'email_taken' });
  });

  it('resends the verification mail, verifies with its token, and then refuses to resend', async () => {
    const { client } = browserClient(server.baseUrl);
    await client.auth.signup({ email: 'verify@example.com', password: PASSWORD });
    const before = server.mail.length;
    await expect(client.auth.resendVerification()).resolves.toBeUndefined();
    expect(server.mail.length).toBe(before + 1);

    const { user } = await client.auth.verify(verificationToken(server.mail, 'verify@example.com'));
    expect(user.emailVerified).toBe(true);
    expect((await client.me()).user.emailVerified).toBe(true);
    expect(await failure(client.auth.resendVerification())).toMatchObject({ status: 409, code: 'conflict' });
  });

  it('reports invalid_token (400) for a verification token that was never issued', async () => {
    const client = createClient({ baseUrl: server.baseUrl });
    expect(await failure(client.auth.verify('made-up'))).toMatchObject({ status: 400, code: 'invalid_token' });
  });
});

describe('API tokens', () => {
  it('creates, lists and revokes tokens; a revoked token is refused as invalid_api_token', async () => {
    const owner = await signedUpTokenClient(server.baseUrl, 'tokens@example.com');
    const created = await owner.tokens.create({ name: 'laptop' });
    expect(created.apiToken).toMatchObject({ name: 'laptop', hint: created.token.slice(-4), lastUsedAt: null });

    const laptop = owner.withToken(created.token);
    expect((await laptop.me()).user.email).toBe('tokens@example.com');
    const names = (await owner.tokens.list()).items.map((token) => token.name);
    expect(names.sort()).toEqual(['laptop', 'tests']);

    await expect(owner.tokens.revoke(created.apiToken.id)).resolves.toBeUndefined();
    expect((await owner.tokens.list()).items.map((token) => token.name)).toEqual(['tests']);
    expect(await failure(laptop.me())).toMatchObject({ status: 401, code: 'invalid_api_token' });
  });

  it('reports token_not_found (404) when revoking a token that does not exist', async () => {
    const owner = await signedUpTokenClient(server.baseUrl, 'no-token@example.com');
    expect(await failure(owner.tokens.revoke('nope'))).toMatchObject({ status: 404, code: 'token_not_found' });
  });

  it('asks for the session cookie without a token and sends Bearer with one', async () => {
    const seen: RequestInit[] = [];
    const spy = (url: string, init: RequestInit) => {
      seen.push(init);
      return fetch(url, init);
    };
    await createClient({ baseUrl: server.baseUrl, fetch: spy }).health();
    // The server checks any token it is sent, even on public routes, so this one is refused.
    const withToken = await failure(createClient({ baseUrl: server.baseUrl, fetch: spy, token: 'secret' }).health());
    expect(withToken.code).toBe('invalid_api_token');
    expect(seen[0]!.credentials).toBe('include');
    expect(new Headers(seen[0]!.headers).has('authorization')).toBe(false);
    expect(seen[1]!.credentials).toBeUndefined();
    expect(new Headers(seen[1]!.headers).get('authorization')).toBe('Bearer secret');
  });
});
