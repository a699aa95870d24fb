/**
 * Importing what was imported before: recognised by the source's conversation id (or by
 * content where the format has none), per user only; skipped with a reason by default,
 * replaced in place with `onDuplicate=update` (links keep their snapshot), stored again with
 * `copy`; and a file that fails part-way changes nothing, updates included.
 */
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, createShare, signUp, type TestUser } from '../helpers/api.js';
import { multipartFile } from '../helpers/multipart.js';

const fixtureText = (path: string) =>
  readFileSync(new URL(`../../../core/test/fixtures/${path}`, import.meta.url), 'utf8');

/** Two readable ChatGPT conversations and, at index 1, one without a mapping. */
const CHATGPT_EXPORT = 'chatgpt/librechat-fixture_chatgpt-modern-export.json';
/** One ChatGPT conversation with branches. */
const CHATGPT_TREE = 'chatgpt/librechat-fixture_chatgpt-tree.json';

interface Report {
  format: string | null;
  imported: { index: number; id: string; title: string; messageCount: number; branchCount: number }[];
  updated: { index: number; id: string; title: string; messageCount: number; branchCount: number }[];
  skipped: { index: number; path: string; reason: string; code?: string; conversationId?: string }[];
}

/** The ChatGPT tree export with one more turn after its current node: the chat went on at the source. */
function continued(text: string, words = 'And one more question, please.'): string {
  const [conversation] = JSON.parse(text) as [Record<string, unknown>];
  const mapping = conversation!.mapping as Record<string, { children: string[] }>;
  const current = conversation!.current_node as string;
  const id = `continued-${words.length}`;
  mapping[current]!.children.push(id);
  mapping[id] = {
    id,
    parent: current,
    children: [],
    message: {
      id,
      author: { role: 'user', metadata: {} },
      content: { content_type: 'text', parts: [words] },
      create_time: 1_760_000_000,
      status: 'finished_successfully',
      metadata: {},
    },
  } as unknown as { children: string[] };
  return JSON.stringify([{ ...conversation, mapping, current_node: id }]);
}

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const upload = (who: TestUser, content: string, query = '', app = t.app) => {
  const { payload, headers } = multipartFile(content);
  return app.inject({
    method: 'POST',
    url: `/api/v1/imports${query}`,
    headers: { ...headers, authorization: `Bearer ${who.token}` },
    payload,
  });
};

const reportOf = (response: LightMyRequestResponse): Report => {
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Report;
};

const listOf = async (who: TestUser, app = t.app) =>
  (await call(app, 'GET', '/api/v1/conversations?limit=100', { auth: who.bearer })).json().items as {
    id: string;
    messageCount: number;
    branchCount: number;
  }[];

const conversation = async (who: TestUser, id: string) =>
  (await call(t.app, 'GET', `/api/v1/conversations/${id}`, { auth: who.bearer })).json() as {
    id: string;
    title: string;
    messages: { id: string; parts: { type: string; text?: string }[] }[];
    messageCount: number;
    branchCount: number;
    source: { format: string; id?: string };
  };

describe('importing a file a second time', () => {
  it.each([
    [CHATGPT_EXPORT, 2],
    ['claude/own_claude-tools-branches.json', 3],
    ['openwebui/own_openwebui-branches-details.json', 2],
    ['librechat/librechat-tree.json', 1],
    // No conversation ids in the format: recognised by content.
    ['openai-messages/cookbook_toy_chat_fine_tuning.first4lines.jsonl', 4],
  ])('stores nothing again from %s and says each was already imported', async (path, readable) => {
    const owner = await signUp(t.app);
    const first = reportOf(await upload(owner, fixtureText(path)));
    expect(first.imported).toHaveLength(readable);

    const second = reportOf(await upload(owner, fixtureText(path)));
    expect(second.imported).toEqual([]);
    expect(second.updated).toEqual([]);
    const before = second.skipped.filter((skip) => skip.code);
    expect(before).toHaveLength(readable);
    for (const { index, id } of first.imported) {
      const skip = before.find((item) => item.index === index)!;
      expect(skip).toMatchObject({ code: 'already_imported', conversationId: id });
      expect(skip.reason).toBe(`already imported (conversation ${id})`);
    }
    // The unreadable ones are reported as before, without a code.
    expect(second.skipped.length - before.length).toBe(first.skipped.length);
    expect(await listOf(owner)).toHaveLength(readable);
  });

  it('does not look at other users: another account importing the same file gets its own copies', async () => {
    const ann = await signUp(t.app);
    const bo = await signUp(t.app);
    const anns = reportOf(await upload(ann, fixtureText(CHATGPT_EXPORT)));
    const bos = reportOf(await upload(bo, fixtureText(CHATGPT_EXPORT)));
    expect(bos.imported).toHaveLength(anns.imported.length);
    expect(bos.skipped.filter((skip) => skip.code)).toEqual([]);
    const annIds = new Set(anns.imported.map((item) => item.id));
    for (const item of bos.imported) expect(annIds.has(item.id)).toBe(false);
    expect((await listOf(ann)).map((item) => item.id).sort()).toEqual([...annIds].sort());

    // And Bo's import of a continued version never touches Ann's conversation.
    const updated = reportOf(await upload(bo, continued(fixtureText(CHATGPT_TREE)), '?onDuplicate=update'));
    expect(updated.updated).toEqual([]);
    expect(updated.imported).toHaveLength(1);
  });

  it('stores everything again with onDuplicate=copy', async () => {
    const owner = await signUp(t.app);
    const first = reportOf(await upload(owner, fixtureText(CHATGPT_EXPORT)));
    const copy = reportOf(await upload(owner, fixtureText(CHATGPT_EXPORT), '?onDuplicate=copy'));
    expect(copy.imported).toHaveLength(first.imported.length);
    expect(await listOf(owner)).toHaveLength(first.imported.length * 2);
    // A later import still recognises it (the newest copy included).
    const again = reportOf(await upload(owner, fixtureText(CHATGPT_EXPORT)));
    expect(again.imported).toEqual([]);
  });

  it('refuses an unknown onDuplicate with a 400 and stores nothing', async () => {
    const owner = await signUp(t.app);
    const response = await upload(owner, fixtureText(CHATGPT_TREE), '?onDuplicate=merge');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    expect(await listOf(owner)).toEqual([]);
  });
});

describe('a conversation that went on at the source', () => {
  it('is skipped with a reason by default, replaced with update (same id, links unchanged), copied with copy', async () => {
    const owner = await signUp(t.app);
    const original = fixtureText(CHATGPT_TREE);
    const [first] = reportOf(await upload(owner, original)).imported;
    const before = await conversation(owner, first!.id);
    const share = await createShare(t.app, owner, { conversationId: first!.id, privacy: 'unlisted' });
    const sharedCount = async () =>
      (await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`)).json().messageCount as number;
    const linked = await sharedCount();

    const skipped = reportOf(await upload(owner, continued(original)));
    expect(skipped.imported).toEqual([]);
    expect(skipped.skipped).toEqual([
      expect.objectContaining({ index: 0, code: 'changed_since_import', conversationId: first!.id }),
    ]);
    expect(skipped.skipped[0]!.reason).toMatch(new RegExp(`^changed since import \\(conversation ${first!.id}\\)`));
    expect(await conversation(owner, first!.id)).toEqual(before);

    const updated = reportOf(await upload(owner, continued(original), '?onDuplicate=update'));
    expect(updated.imported).toEqual([]);
    expect(updated.updated).toEqual([
      expect.objectContaining({ index: 0, id: first!.id, messageCount: first!.messageCount + 1 }),
    ]);
    const after = await conversation(owner, first!.id);
    expect(after.messages.length).toBe(before.messages.length + 1);
    expect(JSON.stringify(after.messages)).toContain('And one more question, please.');
    expect(after.title).toBe(before.title);
    expect(await listOf(owner)).toHaveLength(1);
    // The link is a snapshot: it shows the new turn only once the owner updates it.
    expect(await sharedCount()).toBe(linked);
    const refreshed = await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: owner.bearer,
      body: { refresh: true },
    });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    expect(await sharedCount()).toBe(linked + 1);

    // The new version is now what was imported: importing it again changes nothing.
    const again = reportOf(await upload(owner, continued(original), '?onDuplicate=update'));
    expect(again.updated).toEqual([]);
    expect(again.skipped).toEqual([expect.objectContaining({ code: 'already_imported', conversationId: first!.id })]);

    const copied = reportOf(await upload(owner, continued(original, 'A different turn.'), '?onDuplicate=copy'));
    expect(copied.imported).toHaveLength(1);
    expect(copied.imported[0]!.id).not.toBe(first!.id);
    expect(await listOf(owner)).toHaveLength(2);
  });

  it('is recognised when it was stored before source ids were kept, and then carries the id', async () => {
    const owner = await signUp(t.app);
    const [first] = reportOf(await upload(owner, fixtureText(CHATGPT_TREE))).imported;
    // As a conversation imported before this version looks: no source id.
    await t.app.db.updateTable('conversations').set({ source_id: null }).where('id', '=', first!.id).execute();
    const again = reportOf(await upload(owner, fixtureText(CHATGPT_TREE)));
    expect(again.skipped).toEqual([expect.objectContaining({ code: 'already_imported', conversationId: first!.id })]);
    expect((await conversation(owner, first!.id)).source.id).toBe('d5dc5307-6807-41a0-8b04-4acee626eeb7');
    // With the id back, a continued version is recognised as changed.
    const changed = reportOf(await upload(owner, continued(fixtureText(CHATGPT_TREE))));
    expect(changed.skipped).toEqual([expect.objectContaining({ code: 'changed_since_import' })]);
  });
});

describe('a file that fails part-way', () => {
  /** The continued tree conversation, a new one, and then the file is cut off. */
  const brokenAfterAnUpdate = () => {
    const [changed] = JSON.parse(continued(fixtureText(CHATGPT_TREE))) as unknown[];
    const fresh = (JSON.parse(fixtureText(CHATGPT_EXPORT)) as unknown[])[0];
    const whole = JSON.stringify([changed, fresh, fresh]);
    return whole.slice(0, whole.length - 200);
  };

  it('removes what it created and changes no conversation it would have updated', async () => {
    const owner = await signUp(t.app);
    const [first] = reportOf(await upload(owner, fixtureText(CHATGPT_TREE))).imported;
    const before = await conversation(owner, first!.id);

    const response = await upload(owner, brokenAfterAnUpdate(), '?onDuplicate=update');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('import_failed');
    expect(await conversation(owner, first!.id)).toEqual(before);
    expect((await listOf(owner)).map((item) => item.id)).toEqual([first!.id]);
  });

  it('over IMPORT_MAX_MB: 413, nothing created and nothing updated', async () => {
    const small = await buildTestApp({ importMaxBytes: 64 * 1024 });
    try {
      const owner = await signUp(small.app);
      const firstResponse = await upload(owner, fixtureText(CHATGPT_TREE), '', small.app);
      const [first] = reportOf(firstResponse).imported;
      const before = (await call(small.app, 'GET', `/api/v1/conversations/${first!.id}`, { auth: owner.bearer })).body;
      const [changed] = JSON.parse(continued(fixtureText(CHATGPT_TREE))) as unknown[];
      // The changed conversation fits; the padding after it does not.
      const padding = Array.from({ length: 200 }, (_, index) => ({ id: `pad-${index}`, title: 'x'.repeat(500) }));
      const response = await upload(owner, JSON.stringify([changed, ...padding]), '?onDuplicate=update', small.app);
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('payload_too_large');
      const after = await call(small.app, 'GET', `/api/v1/conversations/${first!.id}`, { auth: owner.bearer });
      expect(after.body).toBe(before);
      expect(await listOf(owner, small.app)).toHaveLength(1);
    } finally {
      await small.close();
    }
  });
});

describe('one conversation sent as an import (POST /conversations with onDuplicate)', () => {
  const body = (text = 'Where should I eat in Porto?') => ({
    title: 'Porto',
    messages: [
      { id: 'u1', parentId: null, role: 'user', parts: [{ type: 'text', text }] },
      { id: 'a1', parentId: 'u1', role: 'assistant', parts: [{ type: 'text', text: 'Try a francesinha.' }] },
    ],
    source: { format: 'chatgpt', id: 'porto-1' },
  });
  const post = (who: TestUser, payload: unknown, query = '') =>
    call(t.app, 'POST', `/api/v1/conversations${query}`, { auth: who.bearer, body: payload });

  it('answers 409 with the stored conversation for a duplicate, 200 for an update, 201 for a copy', async () => {
    const owner = await signUp(t.app);
    const created = await post(owner, body(), '?onDuplicate=skip');
    expect(created.statusCode).toBe(201);
    expect(created.json().source).toMatchObject({ format: 'chatgpt', id: 'porto-1' });
    const id = created.json().id as string;

    const same = await post(owner, body(), '?onDuplicate=skip');
    expect(same.statusCode).toBe(409);
    expect(same.json().error).toMatchObject({ code: 'already_imported', details: { conversationId: id } });
    expect(same.json().error.message).toContain(id);

    const changed = await post(owner, body('Where should I eat in Porto tonight?'), '?onDuplicate=skip');
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error).toMatchObject({ code: 'changed_since_import', details: { conversationId: id } });

    const updated = await post(owner, body('Where should I eat in Porto tonight?'), '?onDuplicate=update');
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ id, title: 'Porto' });
    expect(JSON.stringify(updated.json().messages)).toContain('tonight');

    const copy = await post(owner, body(), '?onDuplicate=copy');
    expect(copy.statusCode).toBe(201);
    expect(copy.json().id).not.toBe(id);
  });

  it('always stores without onDuplicate, as before', async () => {
    const owner = await signUp(t.app);
    expect((await post(owner, body())).statusCode).toBe(201);
    expect((await post(owner, body())).statusCode).toBe(201);
    expect(await listOf(owner)).toHaveLength(2);
  });

  it('recognises an OpenAI messages array, which has no id, by its content', async () => {
    const owner = await signUp(t.app);
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Capital of Portugal?' },
      { role: 'assistant', content: 'Lisbon.' },
    ];
    const first = await post(owner, messages, '?onDuplicate=skip');
    expect(first.statusCode).toBe(201);
    // The system message is stored but not counted: it is never shown.
    expect(first.json()).toMatchObject({ messageCount: 2, branchCount: 1 });
    const again = await post(owner, messages, '?onDuplicate=skip');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual({ conversationId: first.json().id });
    const longer = await post(owner, [...messages, { role: 'user', content: 'And of Spain?' }], '?onDuplicate=skip');
    expect(longer.statusCode).toBe(201);
  });
});

describe('message counts', () => {
  it('are the same in the import report, the list, the conversation and a link of it', async () => {
    const owner = await signUp(t.app);
    const [item] = reportOf(await upload(owner, fixtureText(CHATGPT_TREE))).imported;
    expect(item!.branchCount).toBeGreaterThan(1);
    const [listed] = await listOf(owner);
    expect(listed).toMatchObject({ messageCount: item!.messageCount, branchCount: item!.branchCount });
    const stored = await conversation(owner, item!.id);
    expect(stored).toMatchObject({ messageCount: item!.messageCount, branchCount: item!.branchCount });
    // Every branch together holds more: the count is the shown branch.
    expect(stored.messages.length).toBeGreaterThan(item!.messageCount);
    const share = await createShare(t.app, owner, { conversationId: item!.id, privacy: 'unlisted' });
    expect((await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`)).json().messageCount).toBe(
      item!.messageCount,
    );
  });
});
