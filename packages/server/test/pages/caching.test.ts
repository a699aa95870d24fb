import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
import { decoded, getPage, shareOf } from './helpers.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await signUp(t.app);
});
afterAll(() => t.close());

const patch = (id: string, body: Record<string, unknown>) =>
  call(t.app, 'PATCH', `/api/v1/shares/${id}`, { auth: owner.bearer, body });

describe('pages anyone may see', () => {
  it('are revalidated with a strong ETag: a match is a 304 with no body and no new CSP', async () => {
    const share = await shareOf(t, owner);
    const first = await getPage(t, share.shortCode);
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(first.headers.vary).toBe('Accept-Encoding, Accept-Language');
    const second = await getPage(t, share.shortCode);
    expect(second.headers.etag).toBe(etag);
    expect(second.body).toBe(first.body);

    const revalidated = await getPage(t, share.shortCode, { headers: { 'if-none-match': etag } });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.headers.etag).toBe(etag);
    expect(revalidated.headers['content-security-policy']).toBeUndefined();
    expect((await getPage(t, share.shortCode, { headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
  });

  it('are compressed with brotli or gzip, each its own ETag, all the same page', async () => {
    const share = await shareOf(t, owner);
    const plain = await getPage(t, share.shortCode, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const tag = (plain.headers.etag as string).slice(1, -1);
    for (const [accept, encoding, suffix] of [
      ['gzip, deflate, br, zstd', 'br', '-br'],
      ['gzip', 'gzip', '-gz'],
      ['br;q=0, gzip;q=0.5', 'gzip', '-gz'],
    ] as const) {
      const response = await getPage(t, share.shortCode, { headers: { 'accept-encoding': accept } });
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers.etag).toBe(`"${tag}${suffix}"`);
      expect(response.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      const html = decoded(response);
      expect(html).toBe(plain.body);
      const again = await getPage(t, share.shortCode, {
        headers: { 'accept-encoding': accept, 'if-none-match': `"${tag}${suffix}"` },
      });
      expect(again.statusCode).toBe(304);
    }
  });

  it('vary by language, each with its own ETag', async () => {
    const share = await shareOf(t, owner);
    const english = await getPage(t, share.shortCode);
    const german = await getPage(t, share.shortCode, { headers: { 'accept-language': 'de' } });
    expect(german.headers.etag).not.toBe(english.headers.etag);
    const crossed = await getPage(t, share.shortCode, {
      headers: { 'accept-language': 'de', 'if-none-match': english.headers.etag as string },
    });
    expect(crossed.statusCode).toBe(200);
    expect(crossed.body).toContain('Geteilt am');
  });

  it('are gone on the very next request after a revoke, even with a cached copy', async () => {
    const share = await shareOf(t, owner);
    const cached = await getPage(t, share.shortCode);
    await call(t.app, 'DELETE', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer });
    const after = await getPage(t, share.shortCode, { headers: { 'if-none-match': cached.headers.etag as string } });
    expect(after.statusCode).toBe(404);
    expect(after.body).not.toContain('Lisbon');
  });

  it('expire on time even when rendered before', async () => {
    const share = await shareOf(t, owner, { expiresIn: 2 });
    const cached = await getPage(t, share.shortCode);
    t.clock.advance(2 * 3600_000);
    const after = await getPage(t, share.shortCode, { headers: { 'if-none-match': cached.headers.etag as string } });
    expect(after.statusCode).toBe(410);
  });

  it('change with the settings that show on the page: title, author names, a refreshed snapshot', async () => {
    const share = await shareOf(t, owner);
    const before = await getPage(t, share.shortCode);

    await patch(share.settings.id, { title: 'A new title <i>' });
    const retitled = await getPage(t, share.shortCode, { headers: { 'if-none-match': before.headers.etag as string } });
    expect(retitled.statusCode).toBe(200);
    expect(retitled.body).toContain('<h1 class="cs-title">A new title &lt;i&gt;</h1>');
    expect(retitled.headers.etag).not.toBe(before.headers.etag);

    await patch(share.settings.id, { showAuthor: true });
    const named = await getPage(t, share.shortCode);
    expect(named.body).toContain('<span class="cs-author">Ana</span>');
    await patch(share.settings.id, { showAuthor: false });
    expect((await getPage(t, share.shortCode)).body).not.toContain('Ana');

    const conversationId = share.settings.conversationId as string;
    const appended = await call(t.app, 'POST', `/api/v1/conversations/${conversationId}/messages`, {
      auth: owner.bearer,
      body: { messages: [{ role: 'user', parts: [{ type: 'text', text: 'And where to eat?' }] }] },
    });
    expect(appended.statusCode).toBeLessThan(300);
    expect((await getPage(t, share.shortCode)).body).not.toContain('And where to eat?');
    await patch(share.settings.id, { refresh: true });
    const refreshed = await getPage(t, share.shortCode);
    expect(refreshed.body).toContain('And where to eat?');
    expect(refreshed.body).toContain('3 messages');
  });

  it('turn private as soon as a password is set', async () => {
    const share = await shareOf(t, owner);
    const cached = await getPage(t, share.shortCode);
    await patch(share.settings.id, { password: 'a new password' });
    const locked = await getPage(t, share.shortCode, { headers: { 'if-none-match': cached.headers.etag as string } });
    expect(locked.statusCode).toBe(401);
    expect(locked.body).not.toContain('Lisbon');
  });
});

describe('pages not everyone may see', () => {
  it.each([
    ['a password', { password: 'open sesame' }],
    ['private', { privacy: 'private' }],
    ['a view limit', { maxViews: 50 }],
  ])('with %s are private, no-store, without an ETag', async (_name, settings) => {
    const share = await shareOf(t, owner, settings);
    const response = await getPage(t, share.shortCode, { auth: owner.session });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers.etag).toBeUndefined();
    const again = await getPage(t, share.shortCode, { auth: owner.session, headers: { 'if-none-match': '*' } });
    expect(again.statusCode).toBe(200);
  });
});
