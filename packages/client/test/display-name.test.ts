import { LIMITS } from '@chatshare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserClient,
  failure,
  PASSWORD,
  signedUpTokenClient,
  startServer,
  type TestServer,
} from './helpers/server.js';

let server: TestServer;
beforeAll(async () => void (server = await startServer()));
afterAll(() => server.close());

describe('updateMe', () => {
  it('sets, changes and clears the display name in cookie mode, and me() follows', async () => {
    const { client } = browserClient(server.baseUrl);
    await client.auth.signup({ email: 'nameless@example.com', password: PASSWORD });
    expect((await client.me()).user.name).toBeNull();

    const { user } = await client.updateMe({ name: '  Ada   Lovelace ' });
    expect(user).toMatchObject({ email: 'nameless@example.com', name: 'Ada Lovelace' });
    expect((await client.me()).user.name).toBe('Ada Lovelace');

    expect((await client.updateMe({ name: 'Ada King' })).user.name).toBe('Ada King');
    expect((await client.updateMe({ name: '' })).user.name).toBeNull();
    await client.updateMe({ name: 'Again' });
    expect((await client.updateMe({ name: null })).user.name).toBeNull();
    expect((await client.me()).user.name).toBeNull();
  });

  it('works with an API token, and a link with "Show my name" reads the new name', async () => {
    const owner = await signedUpTokenClient(server.baseUrl, 'sharer@example.com');
    const conversation = await owner.conversations.create({
      title: 'Named',
      messages: [{ id: 'q', parentId: null, role: 'user', parts: [{ type: 'text', text: 'Hello' }] }],
    });
    const { shortCode } = await owner.shares.create({ conversationId: conversation.id, showAuthor: true });
    await owner.updateMe({ name: 'Grace Hopper' });
    const reader = browserClient(server.baseUrl).client;
    const read = async () => {
      const shared = await reader.shared.get(shortCode);
      return 'sharedBy' in shared ? shared.sharedBy : undefined;
    };
    expect(await read()).toBe('Grace Hopper');
    await owner.updateMe({ name: 'Grace B. Hopper' });
    expect(await read()).toBe('Grace B. Hopper');
  });

  it('rejects a name longer than the sign-up limit with validation_failed (400), keeping the old one', async () => {
    const owner = await signedUpTokenClient(server.baseUrl, 'too-long@example.com');
    await owner.updateMe({ name: 'Kept' });
    expect(await failure(owner.updateMe({ name: 'x'.repeat(LIMITS.displayNameLength + 1) }))).toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
    expect((await owner.me()).user.name).toBe('Kept');
  });

  it('reports unauthenticated (401) when nobody is signed in', async () => {
    const { client } = browserClient(server.baseUrl);
    expect(await failure(client.updateMe({ name: 'Nobody' }))).toMatchObject({ status: 401, code: 'unauthenticated' });
  });
});
