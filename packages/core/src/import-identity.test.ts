import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixture } from '../test/importer-helpers.js';
import { messageCounts } from './conversation.js';
import { canonicalContent, contentFingerprint, decideDuplicate, duplicateReason } from './import-identity.js';
import { importConversations } from './importers/index.js';
import type { ConversationDraft, Message } from './model.js';

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const fingerprint = (draft: Pick<ConversationDraft, 'messages' | 'currentLeafId'>) =>
  contentFingerprint(draft, sha256Hex);
const read = (format: string, name: string, now = new Date('2026-01-01T00:00:00Z')) =>
  importConversations(fixture(format, name), { now }).conversations;

describe("the source's own conversation id", () => {
  it.each([
    ['chatgpt', 'librechat-fixture_chatgpt-tree.json', ['d5dc5307-6807-41a0-8b04-4acee626eeb7']],
    // Only `id`, no `conversation_id`.
    ['chatgpt', 'chatgpt-export-parser_example-conversation.json', ['conv-123']],
    ['claude', 'own_claude-export.json', ['c0ffee00-0000-4000-8000-000000000001']],
    ['openwebui', 'librechat-fixture_openwebui-export.json', ['reasoning-chat', 'tool-chat', 'simple-chat']],
    ['librechat', 'librechat-tree.json', ['4a86c40e-e627-4454-b158-889680e23ad3']],
    ['librechat', 'own_librechat-content-parts.json', ['lc-own-1']],
  ])('is kept from %s %s', (format, name, ids) => {
    expect(read(format, name).map((draft) => draft.source.id)).toEqual(ids);
  });

  it.each([
    // A bare Open WebUI chat whose `id` is "": recognised by content alone.
    ['openwebui', 'openwebui-importer_webui-json.json'],
    // OpenAI messages have no conversation id at all.
    ['openai-messages', 'cookbook_toy_chat_fine_tuning.first4lines.jsonl'],
  ])('is absent where %s %s has none', (format, name) => {
    const drafts = read(format, name);
    expect(drafts.length).toBeGreaterThan(0);
    for (const draft of drafts) expect(draft.source).not.toHaveProperty('id');
  });

  it('is taken from chatshare JSON, and refused when it is too long to be an id', () => {
    const input = {
      messages: [{ id: 'a', parentId: null, role: 'user', parts: [{ type: 'text', text: 'Hi' }] }],
      source: { format: 'chatgpt', id: 'conv-9' },
    };
    const [draft] = importConversations(input, { now: new Date() }).conversations;
    expect(draft!.source).toMatchObject({ format: 'chatgpt', id: 'conv-9' });
    const long = { ...input, source: { format: 'chatgpt', id: 'x'.repeat(201) } };
    expect(() => importConversations(long, { now: new Date() })).toThrow(/source\.id/);
  });

  it('ignores ids that are not usable strings', () => {
    const row = (id: unknown) => ({
      id,
      title: 'T',
      chat: { history: { messages: { a: { id: 'a', parentId: null, role: 'user', content: 'Hi' } }, currentId: 'a' } },
    });
    const ids = importConversations([row(' padded '), row(42), row('x'.repeat(201)), row('ok')], {
      now: new Date(),
    }).conversations.map((draft) => draft.source.id);
    expect(ids).toEqual([undefined, undefined, undefined, 'ok']);
  });
});

describe('the content fingerprint', () => {
  it.each([
    ['chatgpt', 'librechat-fixture_chatgpt-modern-export.json'],
    ['claude', 'own_claude-tools-branches.json'],
    ['openwebui', 'own_openwebui-branches-details.json'],
    ['librechat', 'librechat-export_messagesTree.json'],
    ['openai-messages', 'cookbook_toy_chat_fine_tuning.first4lines.jsonl'],
  ])('of %s %s is the same on every read and differs between conversations', (format, name) => {
    const first = read(format, name, new Date('2026-01-01T00:00:00Z')).map(fingerprint);
    const again = read(format, name, new Date('2027-03-04T05:06:07Z')).map(fingerprint);
    expect(again).toEqual(first);
    for (const value of first) expect(value).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(new Set(first).size).toBe(first.length);
  });

  const base: Message[] = [
    { id: 'a', parentId: null, role: 'user', parts: [{ type: 'text', text: 'Plan a trip' }] },
    { id: 'b', parentId: 'a', role: 'assistant', parts: [{ type: 'text', text: 'Where to?' }], model: 'm' },
  ];
  const conversation = { messages: base, currentLeafId: 'b' };

  it('does not depend on the order of keys', () => {
    const reordered = base.map((message) => Object.fromEntries(Object.entries(message).reverse()) as Message);
    expect(fingerprint({ messages: reordered, currentLeafId: 'b' })).toBe(fingerprint(conversation));
  });

  it('changes when a message is added, edited, or another branch is shown', () => {
    const reply: Message = { id: 'c', parentId: 'b', role: 'user', parts: [{ type: 'text', text: 'Lisbon' }] };
    const edited = [base[0]!, { ...base[1]!, parts: [{ type: 'text' as const, text: 'Where to? ' }] }];
    const other: Message = { id: 'b2', parentId: 'a', role: 'assistant', parts: [{ type: 'text', text: 'OK' }] };
    const variants = [
      { messages: [...base, reply], currentLeafId: 'c' },
      { messages: edited, currentLeafId: 'b' },
      { messages: [...base, other], currentLeafId: 'b' },
      { messages: [...base, other], currentLeafId: 'b2' },
    ].map(fingerprint);
    expect(new Set([fingerprint(conversation), ...variants]).size).toBe(5);
  });

  it('keeps keys such as __proto__ of tool input as data', () => {
    const call = (input: unknown): Message[] => [
      { id: 'a', parentId: null, role: 'assistant', parts: [{ type: 'tool_call', name: 'f', input }] },
    ];
    const withProto = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as unknown;
    expect(canonicalContent({ messages: call(withProto), currentLeafId: 'a' })).toContain('"__proto__":{"x":1}');
    expect(fingerprint({ messages: call(withProto), currentLeafId: 'a' })).not.toBe(
      fingerprint({ messages: call({ y: 2 }), currentLeafId: 'a' }),
    );
  });
});

describe('what an import does with a conversation imported before', () => {
  const stored = [
    { id: 'newest', contentHash: 'sha256:new' },
    { id: 'older', contentHash: 'sha256:old' },
  ];
  it.each([
    ['nothing stored', [], 'sha256:x', 'skip', { action: 'create' }],
    [
      'the same content',
      stored,
      'sha256:old',
      'skip',
      { action: 'skip', code: 'already_imported', conversationId: 'older' },
    ],
    [
      'the same content, update',
      stored,
      'sha256:new',
      'update',
      { action: 'skip', code: 'already_imported', conversationId: 'newest' },
    ],
    ['the same content, copy', stored, 'sha256:new', 'copy', { action: 'create' }],
    [
      'changed content',
      stored,
      'sha256:x',
      'skip',
      { action: 'skip', code: 'changed_since_import', conversationId: 'newest' },
    ],
    ['changed content, update', stored, 'sha256:x', 'update', { action: 'update', conversationId: 'newest' }],
    ['changed content, copy', stored, 'sha256:x', 'copy', { action: 'create' }],
    [
      'a row without a fingerprint',
      [{ id: 'legacy', contentHash: null }],
      'sha256:x',
      'skip',
      { action: 'skip', code: 'changed_since_import', conversationId: 'legacy' },
    ],
  ] as const)('%s: %s', (_name, matches, hash, onDuplicate, expected) => {
    expect(decideDuplicate(matches, hash, onDuplicate)).toEqual(expected);
  });

  it('says why, with the stored conversation', () => {
    expect(duplicateReason('already_imported', 'c1')).toBe('already imported (conversation c1)');
    expect(duplicateReason('changed_since_import', 'c1', 'use --on-duplicate update')).toBe(
      'changed since import (conversation c1): use --on-duplicate update',
    );
  });
});

describe('message counts', () => {
  it('count the shown branch without system messages, and the branches', () => {
    const messages: Message[] = [
      { id: 's', parentId: null, role: 'system', parts: [{ type: 'text', text: 'Be brief' }] },
      { id: 'u', parentId: 's', role: 'user', parts: [{ type: 'text', text: 'Hi' }] },
      { id: 'a1', parentId: 'u', role: 'assistant', parts: [{ type: 'text', text: 'Hello' }] },
      { id: 'a2', parentId: 'u', role: 'assistant', parts: [{ type: 'text', text: 'Hey' }] },
      { id: 'u2', parentId: 'a2', role: 'user', parts: [{ type: 'text', text: 'Bye' }] },
    ];
    expect(messageCounts(messages, 'u2')).toEqual({ messageCount: 3, branchCount: 2 });
    expect(messageCounts(messages, 'a1')).toEqual({ messageCount: 2, branchCount: 2 });
    expect(messageCounts([], null)).toEqual({ messageCount: 0, branchCount: 0 });
  });

  it('of a ChatGPT conversation with branches are fewer than all its messages', () => {
    const [draft] = read('chatgpt', 'librechat-fixture_chatgpt-tree.json');
    const counts = messageCounts(draft!.messages, draft!.currentLeafId);
    expect(counts.branchCount).toBeGreaterThan(1);
    expect(counts.messageCount).toBeGreaterThan(0);
    expect(counts.messageCount).toBeLessThan(draft!.messages.length);
  });
});
