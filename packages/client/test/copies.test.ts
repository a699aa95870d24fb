import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ChatshareClient } from '../src/index.js';
import { failure, signedUpTokenClient, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let owner: ChatshareClient;
let reader: ChatshareClient;
beforeAll(async () => {
  server = await startServer();
  owner = await signedUpTokenClient(server.baseUrl, 'copy-owner@example.com');
  reader = await signedUpTokenClient(server.baseUrl, 'copy-reader@example.com');
});
afterAll(() => server.close());

async function shared(settings: { allowCopy?: boolean | null; password?: string } = {}) {
  const { id } = await owner.conversations.create({
    title: 'Tide tables',
    messages: [
      { id: 'q', parentId: null, role: 'user', parts: [{ type: 'text', text: 'When is high tide?' }] },
      { id: 'a', parentId: 'q', role: 'assistant', parts: [{ type: 'text', text: 'At noon.' }] },
      { id: 'b', parentId: 'q', role: 'assistant', parts: [{ type: 'text', text: 'Another branch.' }] },
    ],
    currentLeafId: 'a',
  });
  return owner.shares.create({ conversationId: id, ...settings });
}

describe('shared.copy', () => {
  it("saves the shown branch into the reader's account, marked where it came from", async () => {
    const share = await shared();
    const copy = await reader.shared.copy(share.shortCode);
    expect(copy.messages.map((message) => message.parts)).toEqual([
      [{ type: 'text', text: 'When is high tide?' }],
      [{ type: 'text', text: 'At noon.' }],
    ]);
    expect(copy.copiedFrom).toMatchObject({ shareUrl: share.shareUrl, shortCode: share.shortCode });
    expect((await reader.conversations.get(copy.id)).id).toBe(copy.id);
    expect((await owner.shares.get(share.settings.id)).settings.viewCount).toBe(0);
  });

  it('fails with copy_not_allowed where the owner turned copies off, and unauthenticated without an account', async () => {
    const share = await shared({ allowCopy: false });
    expect(share.settings.allowCopy).toBe(false);
    expect(await failure(reader.shared.copy(share.shortCode))).toMatchObject({ status: 403, code: 'copy_not_allowed' });
    const open = await shared();
    const visitor = createClient({ baseUrl: server.baseUrl });
    expect(await failure(visitor.shared.copy(open.shortCode))).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('copies a password link once it is unlocked', async () => {
    const share = await shared({ password: 'low tide' });
    expect(await failure(reader.shared.copy(share.shortCode))).toMatchObject({
      status: 401,
      code: 'password_required',
    });
    await reader.shared.unlock(share.shortCode, 'low tide');
    expect((await reader.shared.copy(share.shortCode)).messages).toHaveLength(2);
  });
});
