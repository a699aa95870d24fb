import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ChatshareClient } from '../src/index.js';
import { failure, signedUpTokenClient, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let owner: ChatshareClient;
beforeAll(async () => {
  server = await startServer();
  owner = await signedUpTokenClient(server.baseUrl, 'imports-views@example.com');
});
afterAll(() => server.close());

const fixture = new URL('../../core/test/fixtures/chatgpt/librechat-fixture_chatgpt-tree.json', import.meta.url);

describe('imports and views per day', () => {
  it('uploads a whole export file as multipart and reports each conversation', async () => {
    const file = new Blob([await readFile(fixture)], { type: 'application/json' });
    const report = await owner.imports.upload(file, { filename: 'conversations.json' });
    expect(report.format).toBe('chatgpt');
    expect(report.imported).toHaveLength(1);
    expect(report.skipped).toEqual([]);
    expect((await owner.conversations.get(report.imported[0]!.id)).messageCount).toBe(report.imported[0]!.messageCount);
  });

  it('reports a file that is not an export as a 400 with the server code', async () => {
    const error = await failure(owner.imports.upload(new Blob(['not json at all']), { filename: 'notes.txt' }));
    expect(error.status).toBe(400);
  });

  it("reads a link's views per day, with today's views counted at once", async () => {
    const conversation = await owner.conversations.create([
      { role: 'user', content: 'Count me' },
      { role: 'assistant', content: 'Counted.' },
    ]);
    const share = await owner.shares.create({ conversationId: conversation.id });
    const visitor = createClient({ baseUrl: server.baseUrl, headers: { 'user-agent': 'Mozilla/5.0 Chrome/131.0' } });
    await visitor.shared.get(share.shortCode);
    await visitor.shared.get(share.shortCode);
    const days = await owner.shares.views(share.settings.id, { days: 7 });
    expect(days).toHaveLength(7);
    expect(days.at(-1)!.day).toBe(new Date().toISOString().slice(0, 10));
    // Both views are today's (or, right after midnight, split with yesterday's).
    expect(days.slice(-2).reduce((sum, day) => sum + day.views, 0)).toBe(2);
    expect(days.slice(0, 5).every((day) => day.views === 0)).toBe(true);
    expect(await failure(owner.shares.views('unknown'))).toMatchObject({ status: 404, code: 'share_not_found' });
  });
});
