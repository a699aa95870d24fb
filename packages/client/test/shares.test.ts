import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, isRevealRequired, type ChatshareClient } from '../src/index.js';
import { failure, signedUpTokenClient, startServer, type TestServer } from './helpers/server.js';
import { contentOf } from './helpers/content.js';

let server: TestServer;
let owner: ChatshareClient;
/** A viewer who is not signed in. */
let visitor: ChatshareClient;
beforeAll(async () => {
  server = await startServer();
  owner = await signedUpTokenClient(server.baseUrl, 'owner@example.com');
  visitor = createClient({ baseUrl: server.baseUrl });
});
afterAll(() => server.close());

async function conversation(client: ChatshareClient, title: string) {
  return client.conversations.create({
    title,
    messages: [
      { id: 'q', parentId: null, role: 'user', parts: [{ type: 'text', text: `Tell me about ${title}` }] },
      { id: 'a', parentId: 'q', role: 'assistant', parts: [{ type: 'text', text: 'Gladly.' }] },
    ],
  });
}

describe('sharing', () => {
  it('finds public shares through explore, with the matched words marked', async () => {
    const { id } = await conversation(owner, 'Narwhal tusks');
    const share = await owner.shares.create({ conversationId: id, privacy: 'public' });
    const hidden = await owner.shares.create({ conversationId: (await conversation(owner, 'Narwhal diet')).id });
    const result = await visitor.shared.explore({ q: 'narwhal' });
    expect(result.sort).toBe('relevance');
    expect(result.items.map((item) => item.shortCode)).toEqual([share.shortCode]);
    expect(result.items.map((item) => item.shortCode)).not.toContain(hidden.shortCode);
    expect(result.items[0]!.titleHighlights).toEqual([
      { text: 'Narwhal', match: true },
      { text: ' tusks', match: false },
    ]);
    expect((await visitor.shared.explore({ sort: 'views', limit: 1 })).items).toHaveLength(1);
    expect(await failure(visitor.shared.explore({ cursor: 'nonsense' }))).toMatchObject({
      status: 400,
      code: 'invalid_cursor',
    });
  });

  it('scans a conversation for secrets before sharing it, and redacts them on request', async () => {
    const { id } = await conversation(owner, 'my key sk-abcdefghijklmnopqrstuvwxyz0123');
    const { warnings } = await owner.shares.scan(id);
    expect(warnings.map((warning) => warning.kind)).toEqual(['openai_key', 'openai_key']);
    expect(warnings.every((warning) => !warning.redacted)).toBe(true);
    const share = await owner.shares.create({ conversationId: id, redact: true });
    expect(share.settings.redact).toBe(true);
    expect(JSON.stringify(await visitor.shared.get(share.shortCode))).not.toContain(
      'sk-abcdefghijklmnopqrstuvwxyz0123',
    );
  });

  it('shares a conversation and keeps the code when the same conversation is shared again', async () => {
    const { id } = await conversation(owner, 'Refreshing');
    const first = await owner.shares.create({ conversationId: id });
    expect(first.settings).toMatchObject({ conversationId: id, status: 'live', snapshotVersion: 1, messageCount: 2 });
    expect(first.shareUrl.endsWith(`/s/${first.shortCode}`)).toBe(true);
    expect(first.policies).toEqual({ read: true, update: true, revoke: true });

    await owner.conversations.appendMessages(id, [{ role: 'user', parts: [{ type: 'text', text: 'More' }] }]);
    const again = await owner.shares.create({ conversationId: id });
    expect(again.shortCode).toBe(first.shortCode);
    expect(again.settings).toMatchObject({ snapshotVersion: 2, messageCount: 3 });
  });

  it('finds a share by its id and by its conversation, and reports an unshared conversation as share_not_found', async () => {
    const { id } = await conversation(owner, 'Findable');
    const share = await owner.shares.create({ conversationId: id });
    expect((await owner.shares.get(share.settings.id)).shortCode).toBe(share.shortCode);
    expect((await owner.shares.forConversation(id)).settings.id).toBe(share.settings.id);

    const unshared = await conversation(owner, 'Unshared');
    expect(await failure(owner.shares.forConversation(unshared.id))).toMatchObject({
      status: 404,
      code: 'share_not_found',
    });
  });

  it('lets anyone read an unlisted link without signing in, with positional message ids', async () => {
    const { id } = await conversation(owner, 'Open to all');
    const { shortCode } = await owner.shares.create({ conversationId: id, privacy: 'unlisted' });
    const shared = contentOf(await visitor.shared.get(shortCode));
    expect(shared).toMatchObject({ shortCode, title: 'Open to all', messageCount: 2, sharedBy: null });
    expect(shared.messages.map((message) => [message.id, message.parentId, message.role])).toEqual([
      ['m1', null, 'user'],
      ['m2', 'm1', 'assistant'],
    ]);
  });

  it('asks for the password, refuses a wrong one, and after unlock lets this client read the link', async () => {
    const { id } = await conversation(owner, 'Secret plans');
    const share = await owner.shares.create({ conversationId: id, password: 'open sesame', expiresIn: 24 });
    expect(share.settings.hasPassword).toBe(true);
    expect(share.settings.expiresAt).not.toBeNull();

    const reader = createClient({ baseUrl: server.baseUrl });
    expect(await failure(reader.shared.get(share.shortCode))).toMatchObject({ status: 401, code: 'password_required' });
    expect(await failure(reader.shared.unlock(share.shortCode, 'guess'))).toMatchObject({
      status: 401,
      code: 'wrong_password',
    });
    expect(await reader.shared.unlock(share.shortCode, 'open sesame')).toEqual({ unlocked: true });
    expect(contentOf(await reader.shared.get(share.shortCode)).title).toBe('Secret plans');
    // The unlock belongs to the client that entered the password.
    expect(await failure(visitor.shared.get(share.shortCode))).toMatchObject({ code: 'password_required' });
  });

  it('updates settings: a new title, a view limit, and no password opens the link to everyone', async () => {
    const { id } = await conversation(owner, 'Was locked');
    const share = await owner.shares.create({ conversationId: id, password: 'locked' });
    const updated = await owner.shares.update(share.settings.id, {
      password: null,
      title: 'Now open',
      privacy: 'public',
      maxViews: 100,
    });
    expect(updated.settings).toMatchObject({ hasPassword: false, title: 'Now open', privacy: 'public', maxViews: 100 });
    // A view-limited link answers its reveal step to a plain read, and uses a view only on reveal.
    const step = await visitor.shared.get(share.shortCode);
    expect(isRevealRequired(step) && step.viewsLeft).toBe(100);
    expect((await owner.shares.get(share.settings.id)).settings.viewCount).toBe(0);
    const shared = await visitor.shared.reveal(share.shortCode);
    expect(shared.title).toBe('Now open');
    expect((await owner.shares.get(share.settings.id)).settings.viewCount).toBe(1);
  });

  it('re-snapshots a link with refresh, keeping its code', async () => {
    const { id } = await conversation(owner, 'Living document');
    const share = await owner.shares.create({ conversationId: id });
    await owner.conversations.appendMessages(id, [{ role: 'user', parts: [{ type: 'text', text: 'Update' }] }]);
    const refreshed = await owner.shares.update(share.settings.id, { refresh: true });
    expect(refreshed.shortCode).toBe(share.shortCode);
    expect(refreshed.settings.messageCount).toBe(3);
    expect(contentOf(await visitor.shared.get(share.shortCode)).messageCount).toBe(3);
  });

  it('lists shares sorted by title one page at a time and walks every page with listAll', async () => {
    const lister = await signedUpTokenClient(server.baseUrl, 'lister@example.com');
    for (const n of [3, 1, 5, 2, 4]) {
      await lister.shares.create({ conversationId: (await conversation(lister, `List ${n}`)).id });
    }
    const first = await lister.shares.list({ q: 'List', sort: 'title', order: 'asc', limit: 2 });
    expect(first.items.map((share) => share.settings.title)).toEqual(['List 1', 'List 2']);
    expect(first.nextCursor).not.toBeNull();

    const titles: string[] = [];
    for await (const share of lister.shares.listAll({ q: 'List', sort: 'title', order: 'desc', limit: 2 })) {
      titles.push(share.settings.title);
    }
    expect(titles).toEqual(['List 5', 'List 4', 'List 3', 'List 2', 'List 1']);
  });

  it('revokes a link: the public read reports share_not_found and the share lists as revoked', async () => {
    const { id } = await conversation(owner, 'Going away');
    const share = await owner.shares.create({ conversationId: id });
    const revoked = await owner.shares.revoke(share.settings.id);
    expect(revoked.settings.status).toBe('revoked');
    expect(revoked.settings.revokedAt).not.toBeNull();
    expect(revoked.policies).toMatchObject({ update: false, revoke: false });

    expect(await failure(visitor.shared.get(share.shortCode))).toMatchObject({ status: 404, code: 'share_not_found' });
    const revokedIds = (await owner.shares.list({ status: 'revoked' })).items.map((item) => item.settings.id);
    expect(revokedIds).toContain(share.settings.id);
    expect(await failure(owner.shares.revoke(share.settings.id))).toMatchObject({ status: 409, code: 'share_revoked' });
  });

  it('rotates a link: a new code that opens, the old one share_not_found, a revoked link refused', async () => {
    const { id } = await conversation(owner, 'Turning over');
    const share = await owner.shares.create({ conversationId: id, title: 'Kept title' });
    const rotated = await owner.shares.rotate(share.settings.id);
    expect(rotated.shortCode).not.toBe(share.shortCode);
    expect(rotated.shareUrl).toMatch(new RegExp(`/s/${rotated.shortCode}$`));
    expect(rotated.settings).toMatchObject({ id: share.settings.id, title: 'Kept title', status: 'live' });
    expect(contentOf(await visitor.shared.get(rotated.shortCode)).title).toBe('Kept title');
    expect(await failure(visitor.shared.get(share.shortCode))).toMatchObject({ status: 404, code: 'share_not_found' });

    await owner.shares.revoke(share.settings.id);
    expect(await failure(owner.shares.rotate(share.settings.id))).toMatchObject({ status: 409, code: 'share_revoked' });
  });

  it('revokes every link at once and reports how many', async () => {
    const tidy = await signedUpTokenClient(server.baseUrl, 'tidy@example.com');
    const codes: string[] = [];
    for (const title of ['One', 'Two', 'Three']) {
      codes.push((await tidy.shares.create({ conversationId: (await conversation(tidy, title)).id })).shortCode);
    }
    expect(await tidy.shares.revokeAll()).toEqual({ revoked: 3 });
    expect((await tidy.shares.list()).items).toEqual([]);
    expect((await tidy.shares.list({ status: 'all' })).items).toHaveLength(3);
    expect(await failure(visitor.shared.get(codes[0]!))).toMatchObject({ code: 'share_not_found' });
  });

  it('reports share_not_found (404) for an unknown code and for an unknown share id', async () => {
    expect(await failure(visitor.shared.get('nosuchcode1'))).toMatchObject({ status: 404, code: 'share_not_found' });
    expect(await failure(owner.shares.get('nosuchid'))).toMatchObject({ status: 404, code: 'share_not_found' });
  });

  it('rate-limits password guesses: the eleventh wrong password is a 429 with retryAfter', async () => {
    const { id } = await conversation(owner, 'Guarded');
    const { shortCode } = await owner.shares.create({ conversationId: id, password: 'the real one' });
    const guesser = createClient({ baseUrl: server.baseUrl });
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect((await failure(guesser.shared.unlock(shortCode, `guess ${attempt}`))).code).toBe('wrong_password');
    }
    const limited = await failure(guesser.shared.unlock(shortCode, 'guess 11'));
    expect(limited).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(limited.retryAfter).toBeGreaterThan(0);
    // Even the right password waits now.
    expect((await failure(guesser.shared.unlock(shortCode, 'the real one'))).status).toBe(429);
  });
});
