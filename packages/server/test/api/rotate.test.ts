/** POST /api/v1/shares/:id/rotate: a new code for a live link, the old one dead at once everywhere. */
import { SHORT_CODE_PATTERN } from '@chatshare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShareService } from '../../src/services/shares.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, createConversation, createShare, signUp, type TestUser } from '../helpers/api.js';
import { takeDown } from '../helpers/moderation.js';
import { codes, explore, publish, talk } from '../explore/helpers.js';

let t: TestApp;
let admin: TestUser;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  // The first account is the instance's admin.
  admin = await signUp(t.app);
  owner = await signUp(t.app);
});
afterAll(() => t.close());

const rotate = (id: string, auth = owner.bearer) => call(t.app, 'POST', `/api/v1/shares/${id}/rotate`, { auth });
const pageUrl = (code: string) => `http://localhost:3000/s/${code}`;

/** Every path a reader can address a link by code. */
const readPaths = (code: string) => [
  `/s/${code}`,
  `/s/${code}.md`,
  `/s/${code}/og.png`,
  `/embed/${code}`,
  `/oembed?url=${encodeURIComponent(pageUrl(code))}&format=json`,
  `/api/v1/shared/${code}`,
];

const statuses = async (code: string) =>
  Promise.all(readPaths(code).map(async (path) => (await call(t.app, 'GET', path)).statusCode));

/** The app's share service, drawing `codes` in turn (the last one again once they run out). */
const drawingCodes = (codes: string[]) =>
  new ShareService({
    shares: t.app.repos.shares,
    conversations: t.app.repos.conversations,
    searchIndex: t.app.searchIndex,
    now: t.app.now,
    enableOpenSharing: true,
    newCode: () => (codes.length > 1 ? codes.shift()! : codes[0]!),
  });

describe('rotating a link', () => {
  it('gives a new code and makes every path of the old one a 404 at the next request', async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id });
    // Warm the page cache and the image store under the old code.
    expect(await statuses(share.shortCode)).toEqual([200, 200, 200, 200, 200, 200]);

    const response = await rotate(share.settings.id);
    expect(response.statusCode).toBe(200);
    const rotated = response.json();
    expect(rotated.shortCode).toMatch(SHORT_CODE_PATTERN);
    expect(rotated.shortCode).not.toBe(share.shortCode);
    expect(rotated.shareUrl).toBe(pageUrl(rotated.shortCode));
    expect(rotated.settings.id).toBe(share.settings.id);

    expect(await statuses(share.shortCode)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(await statuses(rotated.shortCode)).toEqual([200, 200, 200, 200, 200, 200]);
    const page = await call(t.app, 'GET', `/s/${rotated.shortCode}`);
    expect(page.body).toContain(`/s/${rotated.shortCode}/og.png`);
    expect(page.body).not.toContain(share.shortCode);
  });

  it('keeps the settings, the snapshot and the view count', async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, {
      conversationId: id,
      privacy: 'public',
      expiresIn: 48,
      showAuthor: true,
      allowEmbed: false,
      title: 'My Lisbon notes',
    });
    const before = await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`);
    await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, { ip: '10.0.0.9' });
    const stored = (await call(t.app, 'GET', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer })).json();
    expect(stored.settings.viewCount).toBe(2);

    const rotated = (await rotate(share.settings.id)).json();
    const { updatedAt: _was, ...kept } = stored.settings;
    const { updatedAt: _now, ...after } = rotated.settings;
    expect(after).toEqual(kept);
    await t.app.repos.shares.flushViews();
    const reread = (await call(t.app, 'GET', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer })).json();
    expect(reread.settings.viewCount).toBe(2);

    const shared = (await call(t.app, 'GET', `/api/v1/shared/${rotated.shortCode}`)).json();
    expect(shared.messages).toEqual(before.json().messages);
    expect(shared.title).toBe('My Lisbon notes');
  });

  it('lists a rotated public link in explore under its new code only', async () => {
    const share = await publish(t, owner, talk('Rotating sourdough starters', 'How do I feed a starter?'));
    expect(codes(await explore(t, { q: 'sourdough' }))).toEqual([share.shortCode]);
    const rotated = (await rotate(share.settings.id)).json();
    expect(codes(await explore(t, { q: 'sourdough' }))).toEqual([rotated.shortCode]);
    expect(codes(await explore(t))).toContain(rotated.shortCode);
    expect(codes(await explore(t))).not.toContain(share.shortCode);
    const listing = await call(t.app, 'GET', '/explore?q=sourdough');
    expect(listing.body).toContain(`/s/${rotated.shortCode}`);
    expect(listing.body).not.toContain(share.shortCode);
  });

  it("is a 404 for another user's link, and changes nothing", async () => {
    const other = await signUp(t.app);
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id });
    const response = await rotate(share.settings.id, other.bearer);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('share_not_found');
    expect((await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`)).statusCode).toBe(200);
    expect((await rotate('no-such-share')).statusCode).toBe(404);
    expect((await call(t.app, 'POST', `/api/v1/shares/${share.settings.id}/rotate`)).statusCode).toBe(401);
  });

  it('refuses a revoked link (409 share_revoked) and a taken-down one (410 share_taken_down)', async () => {
    const first = await createShare(t.app, owner, { conversationId: (await createConversation(t.app, owner)).id });
    await call(t.app, 'DELETE', `/api/v1/shares/${first.settings.id}`, { auth: owner.bearer });
    const revoked = await rotate(first.settings.id);
    expect(revoked.statusCode).toBe(409);
    expect(revoked.json().error.code).toBe('share_revoked');

    const second = await createShare(t.app, owner, { conversationId: (await createConversation(t.app, owner)).id });
    await takeDown(t.app, admin, second.settings.id);
    const takenDown = await rotate(second.settings.id);
    expect(takenDown.statusCode).toBe(410);
    expect(takenDown.json().error.code).toBe('share_taken_down');
    const stored = (await call(t.app, 'GET', `/api/v1/shares/${second.settings.id}`, { auth: owner.bearer })).json();
    expect(stored.shortCode).toBe(second.shortCode);
  });

  it('tries another code when the new one is taken', async () => {
    const first = await createShare(t.app, owner, { conversationId: (await createConversation(t.app, owner)).id });
    const second = await createShare(t.app, owner, { conversationId: (await createConversation(t.app, owner)).id });
    const service = drawingCodes([first.shortCode, 'Rotated00001', 'Rotated00002']);
    const rotated = await service.rotate({ id: owner.id } as never, second.settings.id);
    expect(rotated.code).toBe('Rotated00001');
    expect((await call(t.app, 'GET', `/api/v1/shared/${first.shortCode}`)).statusCode).toBe(200);
  });

  it('gives a new link another code when the first one drawn is taken', async () => {
    const first = await createShare(t.app, owner, { conversationId: (await createConversation(t.app, owner)).id });
    const service = drawingCodes([first.shortCode, 'Inserted0001', 'Inserted0002']);
    const { id } = await createConversation(t.app, owner);
    const created = await service.createOrRefresh({ id: owner.id } as never, { conversationId: id });
    expect(created).toMatchObject({ created: true, share: { code: 'Inserted0001' } });
    expect((await call(t.app, 'GET', `/api/v1/shared/${first.shortCode}`)).json().title).toBe(
      'Planning a trip to Lisbon',
    );
  });

  it('is rate-limited per user like the other share writes', async () => {
    const limited = await buildTestApp({}, { rateLimits: { shareCreate: { max: 2, windowMs: 60_000 } } });
    try {
      const busy = await signUp(limited.app);
      const share = await createShare(limited.app, busy, {
        conversationId: (await createConversation(limited.app, busy)).id,
      });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await call(limited.app, 'POST', `/api/v1/shares/${share.settings.id}/rotate`, {
          auth: busy.bearer,
        });
        statuses.push(response.statusCode);
      }
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('appears in the OpenAPI document', async () => {
    const document = (await call(t.app, 'GET', '/api/docs/json')).json();
    expect(document.paths['/api/v1/shares/{id}/rotate'].post.responses).toHaveProperty('200');
  });
});
