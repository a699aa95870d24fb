import { SHORT_CODE_PATTERN } from '@chatshare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildConversation, call, createConversation, createShare, signUp, type TestUser } from '../helpers/api.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await signUp(t.app);
});
afterAll(() => t.close());

const read = (code: string, options: Parameters<typeof call>[3] = {}) =>
  call(t.app, 'GET', `/api/v1/shared/${code}`, options);

describe('creating and updating a link', () => {
  it('creates an unlisted link with a 12-character code and the documented response shape', async () => {
    const { id } = await createConversation(t.app, owner);
    const response = await call(t.app, 'POST', '/api/v1/shares', { auth: owner.bearer, body: { conversationId: id } });
    expect(response.statusCode).toBe(201);
    const share = response.json();
    expect(share.shortCode).toMatch(SHORT_CODE_PATTERN);
    expect(share.shareUrl).toBe(`http://localhost:3000/s/${share.shortCode}`);
    expect(share.settings).toMatchObject({
      conversationId: id,
      privacy: 'unlisted',
      hasPassword: false,
      expiresAt: null,
      maxViews: null,
      allowIndexing: false,
      allowEmbed: true,
      showAuthor: false,
      status: 'live',
      messageCount: 2,
      viewCount: 0,
    });
    expect(share.policies).toEqual({ read: true, update: true, revoke: true });
    expect(share.warnings).toEqual([]);
    expect(share.settings).not.toHaveProperty('passwordHash');
  });

  it('keeps the code when the link is updated, and shares later messages only after the update', async () => {
    const { id } = await createConversation(t.app, owner);
    const first = await createShare(t.app, owner, { conversationId: id });
    await call(t.app, 'POST', `/api/v1/conversations/${id}/messages`, {
      auth: owner.bearer,
      body: { messages: [{ role: 'user', parts: [{ type: 'text', text: 'A later question' }] }] },
    });
    expect((await read(first.shortCode)).json().messageCount).toBe(2);
    const again = await call(t.app, 'POST', '/api/v1/shares', { auth: owner.bearer, body: { conversationId: id } });
    expect(again.statusCode).toBe(200);
    expect(again.json().shortCode).toBe(first.shortCode);
    expect(again.json().settings.snapshotVersion).toBe(2);
    const shared = (await read(first.shortCode)).json();
    expect(shared.messageCount).toBe(3);
    expect(shared.messages.at(-1).parts[0].text).toBe('A later question');
    const refreshed = await call(t.app, 'PATCH', `/api/v1/shares/${first.settings.id}`, {
      auth: owner.bearer,
      body: { refresh: true },
    });
    expect(refreshed.json().shortCode).toBe(first.shortCode);
    expect(refreshed.json().settings.snapshotVersion).toBe(3);
  });

  it('gives a new code after a revoke, and the revoked code never comes back', async () => {
    const { id } = await createConversation(t.app, owner);
    const first = await createShare(t.app, owner, { conversationId: id });
    const revoked = await call(t.app, 'DELETE', `/api/v1/shares/${first.settings.id}`, { auth: owner.bearer });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().settings.status).toBe('revoked');
    expect(revoked.json().policies).toEqual({ read: true, update: false, revoke: false });
    expect((await read(first.shortCode)).statusCode).toBe(404);
    const second = await createShare(t.app, owner, { conversationId: id });
    expect(second.shortCode).not.toBe(first.shortCode);
    expect((await read(first.shortCode)).statusCode).toBe(404);
    expect((await read(second.shortCode)).statusCode).toBe(200);
    const current = await call(t.app, 'GET', `/api/v1/conversations/${id}/share`, { auth: owner.bearer });
    expect(current.json().shortCode).toBe(second.shortCode);
    const patchRevoked = await call(t.app, 'PATCH', `/api/v1/shares/${first.settings.id}`, {
      auth: owner.bearer,
      body: { privacy: 'public' },
    });
    expect(patchRevoked.statusCode).toBe(409);
    expect(patchRevoked.json().error.code).toBe('share_revoked');
  });

  it('revokes all my links and none of anyone else', async () => {
    const mine = await signUp(t.app);
    const other = await signUp(t.app);
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await createShare(t.app, mine, { conversationId: (await createConversation(t.app, mine)).id })).shortCode,
      );
    const theirs = await createShare(t.app, other, { conversationId: (await createConversation(t.app, other)).id });
    const response = await call(t.app, 'DELETE', '/api/v1/shares', { auth: mine.bearer });
    expect(response.json()).toEqual({ revoked: 3 });
    for (const code of codes) expect((await read(code)).statusCode).toBe(404);
    expect((await read(theirs.shortCode)).statusCode).toBe(200);
    const list = await call(t.app, 'GET', '/api/v1/shares?status=revoked', { auth: mine.bearer });
    expect(list.json().items).toHaveLength(3);
  });

  it('changes settings with PATCH and keeps what was not sent', async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id, showAuthor: true, maxViews: 50 });
    const patched = await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: owner.bearer,
      body: { privacy: 'private', allowedEmails: ['Friend@Example.com', 'friend@example.com'], title: 'Lisbon tips' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().settings).toMatchObject({
      privacy: 'private',
      allowedEmails: ['friend@example.com'],
      title: 'Lisbon tips',
      showAuthor: true,
      maxViews: 50,
    });
    const cleared = await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: owner.bearer,
      body: { maxViews: null, title: null },
    });
    expect(cleared.json().settings).toMatchObject({ maxViews: null, title: 'Planning a trip to Lisbon' });
  });

  it('keeps a title chosen for the link across refreshes, and follows the conversation otherwise', async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id });
    await call(t.app, 'PATCH', `/api/v1/conversations/${id}`, { auth: owner.bearer, body: { title: 'Renamed' } });
    expect((await createShare(t.app, owner, { conversationId: id })).settings.title).toBe('Renamed');
    await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: owner.bearer,
      body: { title: 'Chosen' },
    });
    await call(t.app, 'PATCH', `/api/v1/conversations/${id}`, { auth: owner.bearer, body: { title: 'Renamed again' } });
    expect((await createShare(t.app, owner, { conversationId: id })).settings.title).toBe('Chosen');
  });

  it('shares a chosen branch or range of messages', async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id, leafMessageId: 'a-1b' });
    const shared = (await read(share.shortCode)).json();
    expect(shared.messages.map((m: { parts: { text: string }[] }) => m.parts.at(-1)!.text)).toEqual([
      'What should I see in Lisbon?',
      'An older answer on another branch.',
    ]);
    const ranged = await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: owner.bearer,
      body: { leafMessageId: 'a-1', range: { start: 1 } },
    });
    expect(ranged.json().settings.messageCount).toBe(1);
    const ghost = await call(t.app, 'POST', '/api/v1/shares', {
      auth: owner.bearer,
      body: { conversationId: id, leafMessageId: 'ghost' },
    });
    expect(ghost.statusCode).toBe(404);
    expect(ghost.json().error.code).toBe('message_not_found');
  });

  it('only allows private links when ENABLE_OPEN_SHARING is off', async () => {
    const closed = await buildTestApp({ enableOpenSharing: false });
    try {
      const user = await signUp(closed.app);
      const { id } = await createConversation(closed.app, user);
      const open = await call(closed.app, 'POST', '/api/v1/shares', {
        auth: user.bearer,
        body: { conversationId: id },
      });
      expect(open.statusCode).toBe(403);
      expect(open.json().error.code).toBe('open_sharing_disabled');
      const ok = await call(closed.app, 'POST', '/api/v1/shares', {
        auth: user.bearer,
        body: { conversationId: id, privacy: 'private', allowedEmails: ['a@example.com'] },
      });
      expect(ok.statusCode).toBe(201);
    } finally {
      await closed.close();
    }
  });
});

describe('listing my links', () => {
  it('searches by title, sorts by created, updated, views and title, and pages with a cursor', async () => {
    const lister = await signUp(t.app);
    const titles = ['Cherry', 'apple', 'Banana', 'Date'];
    const codes: Record<string, string> = {};
    for (const title of titles) {
      const { id } = await createConversation(t.app, lister, buildConversation({ title }));
      codes[title] = (await createShare(t.app, lister, { conversationId: id })).shortCode;
      t.clock.advance(1000);
    }
    for (let i = 0; i < 3; i++) await read(codes.Banana!);
    await read(codes.Date!);
    const names = async (query: string) =>
      (await call(t.app, 'GET', `/api/v1/shares?${query}`, { auth: lister.bearer }))
        .json()
        .items.map((item: { settings: { title: string } }) => item.settings.title);
    expect(await names('sort=created')).toEqual(['Date', 'Banana', 'apple', 'Cherry']);
    expect(await names('sort=created&order=asc')).toEqual(['Cherry', 'apple', 'Banana', 'Date']);
    expect((await names('sort=views')).slice(0, 2)).toEqual(['Banana', 'Date']);
    expect(await names('q=AN')).toEqual(['Banana']);
    expect(await names('sort=title&order=asc')).toEqual(['Banana', 'Cherry', 'Date', 'apple']);

    for (const sort of ['created', 'updated', 'views', 'title']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { settings: { title: string } }[]; nextCursor: string | null } = (
          await call(t.app, 'GET', `/api/v1/shares?sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`, {
            auth: lister.bearer,
          })
        ).json();
        seen.push(...page.items.map((item) => item.settings.title));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual([...titles].sort());
    }
  });

  it("finds my link by its code, and never another user's", async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id });
    const mine = await call(t.app, 'GET', `/api/v1/shares?code=${share.shortCode}`, { auth: owner.bearer });
    expect(mine.json().items.map((item: { shortCode: string }) => item.shortCode)).toEqual([share.shortCode]);
    const stranger = await signUp(t.app);
    const theirs = await call(t.app, 'GET', `/api/v1/shares?code=${share.shortCode}`, { auth: stranger.bearer });
    expect(theirs.json().items).toEqual([]);
    expect((await call(t.app, 'GET', '/api/v1/shares?code=../x', { auth: owner.bearer })).json().items).toEqual([]);
  });

  it('rejects an unknown sort and a bad status', async () => {
    for (const query of ['sort=random', 'status=zombie', 'order=sideways']) {
      const response = await call(t.app, 'GET', `/api/v1/shares?${query}`, { auth: owner.bearer });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
  });
});

describe('bad share input changes nothing', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['an invalid privacy level', { privacy: 'secret' }],
    ['a negative expiry', { expiresIn: -1 }],
    ['a zero expiry', { expiresIn: 0 }],
    ['an expiry as text', { expiresIn: '24' }],
    ['max views of zero', { maxViews: 0 }],
    ['fractional max views', { maxViews: 1.5 }],
    ['a bad email', { allowedEmails: ['not an email'] }],
    ['an empty password', { password: '' }],
    ['an unknown field', { colour: 'red' }],
    ['a boolean as a string', { allowEmbed: 'yes' }],
    ['an over-long title', { title: 'x'.repeat(301) }],
  ];

  it.each(cases)('rejects %s with validation_failed', async (_name, extra) => {
    const { id } = await createConversation(t.app, owner);
    const response = await call(t.app, 'POST', '/api/v1/shares', {
      auth: owner.bearer,
      body: { conversationId: id, ...extra },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    const current = await call(t.app, 'GET', `/api/v1/conversations/${id}/share`, { auth: owner.bearer });
    expect(current.statusCode).toBe(404);
  });

  it('answers an unknown conversation with 404', async () => {
    const response = await call(t.app, 'POST', '/api/v1/shares', {
      auth: owner.bearer,
      body: { conversationId: 'nope' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('conversation_not_found');
  });

  it('answers unknown share ids and codes with 404', async () => {
    expect((await call(t.app, 'GET', '/api/v1/shares/nope', { auth: owner.bearer })).json().error.code).toBe(
      'share_not_found',
    );
    expect((await call(t.app, 'PATCH', '/api/v1/shares/nope', { auth: owner.bearer, body: {} })).statusCode).toBe(404);
    expect((await read('AAAAAAAAAAAA')).json().error.code).toBe('share_not_found');
    expect((await read('short')).statusCode).toBe(404);
  });
});
