import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, createConversation, createShare, signUp, type Auth, type TestUser } from '../helpers/api.js';
import { takeDown } from '../helpers/moderation.js';
import { BROWSER } from '../pages/helpers.js';

let t: TestApp;
let admin: TestUser;
let owner: TestUser;
let other: TestUser;
beforeAll(async () => {
  t = await buildTestApp(
    {},
    { rateLimits: { auth: { max: 1000, windowMs: 60_000 }, shareMiss: { max: 10_000, windowMs: 60_000 } } },
  );
  admin = await signUp(t.app);
  owner = await signUp(t.app);
  other = await signUp(t.app);
});
afterAll(() => t.close());

async function publicShare() {
  const { id } = await createConversation(t.app, owner);
  return createShare(t.app, owner, { conversationId: id, privacy: 'public' });
}

/** Every public address of a link, as anyone would request it. */
const publicPaths = (code: string) => [
  `/s/${code}`,
  `/s/${code}.md`,
  `/s/${code}/og.png`,
  `/s/${code}/report`,
  `/embed/${code}`,
  `/oembed?url=${encodeURIComponent(`http://localhost:3000/s/${code}`)}&format=json`,
  `/api/v1/shared/${code}`,
];

const get = (path: string, auth?: Auth, headers: Record<string, string> = {}) =>
  call(t.app, 'GET', path, { ...(auth ? { auth } : {}), headers: { 'user-agent': BROWSER, ...headers } });

describe('a link an admin took down', () => {
  it('answers 404 on every public path for anonymous readers and other users, as a revoked link does', async () => {
    const share = await publicShare();
    for (const path of publicPaths(share.shortCode)) expect((await get(path)).statusCode, path).toBe(200);
    await takeDown(t.app, admin, share.settings.id);
    for (const reader of [undefined, other.session, other.bearer, admin.bearer]) {
      for (const path of publicPaths(share.shortCode)) expect((await get(path, reader)).statusCode, path).toBe(404);
      const report = await call(t.app, 'POST', `/api/v1/shared/${share.shortCode}/reports`, {
        ...(reader ? { auth: reader } : {}),
        body: { reason: 'spam' },
      });
      expect(report.statusCode).toBe(404);
    }
    // The very same answer as for a code that never existed.
    const unknown = await get('/api/v1/shared/AAAAAAAAAAAA');
    expect((await get(`/api/v1/shared/${share.shortCode}`)).json()).toEqual(unknown.json());
  });

  it('is never served from the page cache, even to a reader holding its ETag', async () => {
    const share = await publicShare();
    const before = await get(`/s/${share.shortCode}`);
    expect(before.statusCode).toBe(200);
    const etag = String(before.headers.etag);
    expect((await get(`/s/${share.shortCode}`, undefined, { 'if-none-match': etag })).statusCode).toBe(304);
    await takeDown(t.app, admin, share.settings.id);
    const after = await get(`/s/${share.shortCode}`, undefined, { 'if-none-match': etag });
    expect(after.statusCode).toBe(404);
    expect(after.body).not.toContain('Lisbon');
    expect(after.headers['cache-control']).toBe('private, no-store');
  });

  it('tells its owner why: a 410 page with the reason, and share_taken_down with the reason in the API', async () => {
    const share = await publicShare();
    await takeDown(t.app, admin, share.settings.id, 'Contains <b>someone</b>’s address.');
    const page = await get(`/s/${share.shortCode}`, owner.session);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('An admin took this link down');
    expect(page.body).toContain('Contains &lt;b&gt;someone&lt;/b&gt;’s address.');
    expect(page.body).not.toContain('Lisbon');
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.headers['x-robots-tag']).toContain('noindex');

    const german = await get(`/s/${share.shortCode}`, owner.session, { 'accept-language': 'de' });
    expect(german.body).toContain('Ein Admin hat diesen Link gesperrt');

    const api = await get(`/api/v1/shared/${share.shortCode}`, owner.bearer);
    expect(api.statusCode).toBe(410);
    expect(api.json().error).toMatchObject({
      code: 'share_taken_down',
      details: { reason: 'Contains <b>someone</b>’s address.', takenDownAt: t.clock.now().toISOString() },
    });
  });

  it("shows in the owner's links, which can revoke it but not change or refresh it", async () => {
    const share = await publicShare();
    await takeDown(t.app, admin, share.settings.id, 'Spam.');
    const mine = await call(t.app, 'GET', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer });
    expect(mine.json().settings.takenDown).toEqual({ at: t.clock.now().toISOString(), reason: 'Spam.' });
    expect(mine.json().policies).toEqual({ read: true, update: false, revoke: true });
    const listed = await call(t.app, 'GET', '/api/v1/shares?limit=100', { auth: owner.bearer });
    const item = listed.json().items.find((entry: { shortCode: string }) => entry.shortCode === share.shortCode);
    expect(item.settings.takenDown.reason).toBe('Spam.');

    for (const body of [{ privacy: 'unlisted' }, { refresh: true }]) {
      const update = await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer, body });
      expect(update.statusCode).toBe(410);
      expect(update.json().error.code).toBe('share_taken_down');
    }
    const again = await call(t.app, 'POST', '/api/v1/shares', {
      auth: owner.bearer,
      body: { conversationId: share.settings.conversationId },
    });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('share_taken_down');
    expect((await get(`/api/v1/shared/${share.shortCode}`, owner.bearer)).statusCode).toBe(410);

    const revoked = await call(t.app, 'DELETE', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().settings.status).toBe('revoked');
    // Revoke-and-share again must not bring taken-down content back under a new code.
    const reshare = await call(t.app, 'POST', '/api/v1/shares', {
      auth: owner.bearer,
      body: { conversationId: share.settings.conversationId, privacy: 'public' },
    });
    expect(reshare.statusCode).toBe(410);
    expect(reshare.json().error.code).toBe('share_taken_down');
    expect((await get('/api/v1/shared?limit=50')).body).not.toContain(share.settings.conversationId);
    // Once the admin restores the link, the conversation may be shared again.
    await call(t.app, 'DELETE', `/api/v1/admin/shares/${share.settings.id}/takedown`, { auth: admin.bearer });
    const after = await call(t.app, 'POST', '/api/v1/shares', {
      auth: owner.bearer,
      body: { conversationId: share.settings.conversationId },
    });
    expect(after.statusCode).toBe(201);
  });

  it('is back for everyone once an admin restores it', async () => {
    const share = await publicShare();
    await takeDown(t.app, admin, share.settings.id);
    const restored = await call(t.app, 'DELETE', `/api/v1/admin/shares/${share.settings.id}/takedown`, {
      auth: admin.bearer,
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json().takenDown).toBeNull();
    for (const path of publicPaths(share.shortCode)) expect((await get(path)).statusCode, path).toBe(200);
    const mine = await call(t.app, 'GET', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer });
    expect(mine.json().settings.takenDown).toBeNull();
    const update = await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: owner.bearer,
      body: { title: 'Back again' },
    });
    expect(update.statusCode).toBe(200);
  });
});
