import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatshareClient, ConversationInput } from '../src/index.js';
import { failure, signedUpTokenClient, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let client: ChatshareClient;
beforeAll(async () => {
  server = await startServer();
  client = await signedUpTokenClient(server.baseUrl, 'conversations@example.com');
});
afterAll(() => server.close());

const chat = (title: string): ConversationInput => ({
  title,
  messages: [
    { id: 'q', parentId: null, role: 'user', parts: [{ type: 'text', text: 'What is a monad?' }] },
    { id: 'a', parentId: 'q', role: 'assistant', parts: [{ type: 'text', text: 'A burrito.' }], model: 'gpt-4o' },
  ],
});

describe('conversations', () => {
  it('creates a conversation from chatshare JSON and reads it back with get', async () => {
    const created = await client.conversations.create(chat('Monads'));
    expect(created).toMatchObject({
      title: 'Monads',
      messageCount: 2,
      currentLeafId: 'a',
      source: { format: 'chatshare' },
    });
    expect(await client.conversations.get(created.id)).toEqual(created);
  });

  it('creates a conversation from an OpenAI messages array without being told the format', async () => {
    const created = await client.conversations.create([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello' },
      { role: 'assistant', content: 'Hi.' },
    ]);
    expect(created.source.format).toBe('openai');
    expect(created.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant']);
  });

  it('reads the input in the format the format option names, and reports a mismatch as a 400', async () => {
    const openai = { messages: [{ role: 'user', content: 'Named format' }] };
    expect((await client.conversations.create(openai, { format: 'openai' })).source.format).toBe('openai');
    const mismatch = await failure(client.conversations.create(chat('Not OpenAI'), { format: 'openai' }));
    expect(mismatch).toMatchObject({ status: 400, code: 'import_failed' });
  });

  it('uploads JSON Lines text as it is with createFromText', async () => {
    const line = JSON.stringify({
      messages: [
        { role: 'user', content: 'From a file' },
        { role: 'assistant', content: 'Yes' },
      ],
    });
    const created = await client.conversations.createFromText(`${line}\n`, { format: 'openai' });
    expect(created).toMatchObject({ title: 'From a file', messageCount: 2, source: { format: 'openai' } });
  });

  it('reports unsupported_format for input in no known format', async () => {
    const error = await failure(client.conversations.create({ hello: 'world' }));
    expect(error).toMatchObject({ status: 400, code: 'unsupported_format' });
  });

  it('renames a conversation and reports validation_failed with the field in details for an empty title', async () => {
    const { id } = await client.conversations.create(chat('Before'));
    expect((await client.conversations.rename(id, '  After   the   rename ')).title).toBe('After the rename');
    const error = await failure(client.conversations.rename(id, ''));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.details).toEqual({ issues: [expect.objectContaining({ path: 'body.title' })] });
  });

  it('appends messages after the current leaf, and as a new root with parentId null', async () => {
    const { id } = await client.conversations.create(chat('Growing'));
    const appended = await client.conversations.appendMessages(id, [
      { role: 'user', parts: [{ type: 'text', text: 'And a functor?' }] },
      { id: 'a2', role: 'assistant', parts: [{ type: 'text', text: 'A box.' }], status: 'complete' },
    ]);
    expect(appended.messageCount).toBe(4);
    expect(appended.currentLeafId).toBe('a2');
    const question = appended.messages.find(
      (message) => message.parts[0]?.type === 'text' && message.parts[0].text === 'And a functor?',
    );
    expect(question?.parentId).toBe('a');

    const rooted = await client.conversations.appendMessages(
      id,
      [{ id: 'fresh', role: 'user', parts: [{ type: 'text', text: 'Start over' }] }],
      { parentId: null },
    );
    expect(rooted.messages.find((message) => message.id === 'fresh')?.parentId).toBeNull();
  });

  it('reports message_not_found when appending after a message that does not exist', async () => {
    const { id } = await client.conversations.create(chat('Strict parent'));
    const error = await failure(
      client.conversations.appendMessages(id, [{ role: 'user', parts: [{ type: 'text', text: 'x' }] }], {
        parentId: 'ghost',
      }),
    );
    expect(error).toMatchObject({ status: 404, code: 'message_not_found' });
  });

  it('lists conversations by title search one page at a time and walks every page with listAll', async () => {
    const ids = new Set<string>();
    for (let n = 1; n <= 5; n++) ids.add((await client.conversations.create(chat(`Paging ${n}`))).id);

    const first = await client.conversations.list({ q: 'Paging', limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    // Most recently updated first.
    expect(first.items[0]!.updatedAt >= first.items[1]!.updatedAt).toBe(true);
    const second = await client.conversations.list({ q: 'Paging', limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((item) => item.id)).not.toContain(first.items[0]!.id);

    const walked: string[] = [];
    for await (const summary of client.conversations.listAll({ q: 'Paging', limit: 2 })) walked.push(summary.id);
    expect(walked).toHaveLength(5);
    expect(new Set(walked)).toEqual(ids);
  });

  it('fetches no further page once a loop over listAll breaks', async () => {
    const urls: string[] = [];
    const counted = await signedUpTokenClient(server.baseUrl, 'counted@example.com', {
      fetch: (url, init) => {
        urls.push(url);
        return fetch(url, init);
      },
    });
    for (let n = 1; n <= 3; n++) await counted.conversations.create(chat(`Counted ${n}`));
    urls.length = 0;
    const seen: string[] = [];
    for await (const summary of counted.conversations.listAll({ limit: 1 })) {
      seen.push(summary.title);
      if (seen.length === 2) break;
    }
    expect(new Set(seen).size).toBe(2);
    expect(urls).toHaveLength(2);
    expect(urls[1]).toContain('cursor=');
  });

  it('deletes a conversation, after which get reports conversation_not_found', async () => {
    const { id } = await client.conversations.create(chat('Short-lived'));
    await expect(client.conversations.delete(id)).resolves.toBeUndefined();
    expect(await failure(client.conversations.get(id))).toMatchObject({ status: 404, code: 'conversation_not_found' });
  });
});
