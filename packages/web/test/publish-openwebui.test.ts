/** What /chats/upload takes from Open WebUI's share modal, and what it ignores or refuses. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readModels, readOpenWebuiPayload, receiveOpenWebui } from '../src/publish/openwebui.js';

/** A real Open WebUI chat object (see packages/server/test/fixtures/openwebui/SOURCES.md). */
const CHAT = JSON.parse(
  readFileSync(
    new URL('../../server/test/fixtures/openwebui/openwebui-importer_webui-json.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown>;
const NOW = new Date('2026-06-01T12:00:00.000Z');
const SENDER = 'http://localhost:8080';
const opener = { name: 'Open WebUI' };
/** Open WebUI's model objects carry much more than a name: none of it may travel. */
const MODELS = [
  {
    id: 'deepseek/deepseek-chat:free',
    name: 'DeepSeek V3',
    owned_by: 'openai',
    info: { params: { system: 'SYSTEM-PROMPT-SECRET' } },
  },
];
const payload = (value: unknown = { chat: CHAT, models: MODELS }) => JSON.stringify(value);
const event = (overrides: Partial<{ data: unknown; origin: string; source: unknown }> = {}) =>
  ({ data: payload(), origin: SENDER, source: opener, ...overrides }) as unknown as MessageEvent;
const context = { opener, allowedOrigins: [] as string[], now: NOW };

describe('readOpenWebuiPayload', () => {
  it('reads a real Open WebUI chat into the conversation the form shows', () => {
    const result = readOpenWebuiPayload(payload(), NOW);
    if (!result.ok) throw new Error(result.reason);
    const { conversation } = result;
    expect(conversation.format).toBe(1);
    expect(conversation.title).toBe(CHAT.title);
    expect(conversation.models).toEqual(['DeepSeek V3']);
    expect(conversation.messages.map((message) => [message.id, message.parentId, message.role])).toEqual([
      ['m1', null, 'user'],
      ['m2', 'm1', 'assistant'],
    ]);
    const text = JSON.stringify(conversation);
    expect(text).toContain('Goldwater Rule');
    // Open WebUI's own ids and the models' settings stay behind.
    for (const hidden of ['5ae90291', 'a9436447', 'SYSTEM-PROMPT-SECRET', 'owned_by'])
      expect(text).not.toContain(hidden);
  });

  it('falls back to the chat’s own model ids when the list is empty or missing', () => {
    for (const value of [{ chat: CHAT }, { chat: CHAT, models: [] }, { chat: CHAT, models: 'nope' }]) {
      const result = readOpenWebuiPayload(payload(value), NOW);
      expect(result.ok && result.conversation.models).toEqual(['deepseek/deepseek-chat:free']);
    }
  });

  it.each([
    ['text that is not JSON', '{"chat":', 'not_json'],
    ['JSON without a chat', payload({ models: MODELS }), 'no_chat'],
    ['a chat that is not an object', payload({ chat: 'hello', models: [] }), 'no_chat'],
    ['an array', payload([CHAT]), 'no_chat'],
    ['a chat of another app', payload({ chat: { mapping: {} } }), 'not_openwebui'],
    [
      'a chat with a hostile role',
      payload({
        chat: {
          history: { currentId: 'a', messages: { a: { id: 'a', parentId: null, role: '__proto__', content: 'x' } } },
        },
      }),
      'unreadable',
    ],
    [
      'a chat with nothing to show',
      payload({
        chat: {
          history: { currentId: 's', messages: { s: { id: 's', parentId: null, role: 'system', content: 'x' } } },
        },
      }),
      'no_messages',
    ],
  ])('refuses %s, saying why', (_name, data, reason) => {
    const result = readOpenWebuiPayload(data, NOW);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe(reason);
  });

  it('keeps prototype keys as data', () => {
    const hostile = payload({ chat: CHAT, models: MODELS }).replace('{"chat"', '{"__proto__":{"polluted":1},"chat"');
    expect(readOpenWebuiPayload(hostile, NOW).ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('possible secrets', () => {
  it('are found on the page, since Open WebUI scans nothing, with a copy that replaces them', () => {
    const key = 'sk-proj-' + 'Zq8Xw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7Aa6';
    const chat = JSON.parse(
      JSON.stringify(CHAT).replace('what was the ruling', `my key is ${key}; what was the ruling`),
    );
    const result = readOpenWebuiPayload(payload({ chat, models: MODELS }), NOW);
    if (!result.ok) throw new Error(result.reason);
    expect(result.secrets.warnings).toMatchObject([{ kind: 'openai_key', location: 'messages[0]' }]);
    expect(JSON.stringify(result.secrets.warnings)).not.toContain(key);
    expect(JSON.stringify(result.conversation)).toContain(key);
    expect(JSON.stringify(result.secrets.redacted)).not.toContain(key);
    expect(JSON.stringify(result.secrets.redacted)).toContain('Goldwater Rule');
    const clean = readOpenWebuiPayload(payload(), NOW);
    expect(clean.ok && clean.secrets.warnings).toEqual([]);
  });
});

describe('readModels', () => {
  it('takes names, else ids, once each, bounded', () => {
    expect(
      readModels([{ id: 'a', name: 'A' }, { id: 'b' }, { id: 'a', name: 'A' }, 'c', 7, null, { name: ' ' }]),
    ).toEqual(['A', 'b', 'c']);
    expect(readModels(Array.from({ length: 80 }, (_, index) => ({ id: `m${index}` })))).toHaveLength(50);
    expect(readModels({ id: 'x' })).toEqual([]);
  });
});

describe('receiveOpenWebui', () => {
  it('takes the string payload from its opener', () => {
    expect(receiveOpenWebui(event(), context)).toMatchObject({
      kind: 'received',
      origin: SENDER,
      conversation: { title: CHAT.title },
    });
  });

  it('ignores every window but its opener, pages without one, and anything but a string', () => {
    expect(receiveOpenWebui(event({ source: {} }), context)).toEqual({ kind: 'ignored' });
    expect(receiveOpenWebui(event({ source: null }), { ...context, opener: null })).toEqual({ kind: 'ignored' });
    for (const data of [{ chat: CHAT }, null, 42, { type: 'chatshare:publish' }]) {
      expect(receiveOpenWebui(event({ data }), context)).toEqual({ kind: 'ignored' });
    }
  });

  it('refuses an opener whose origin is not in COMMUNITY_ALLOWED_ORIGINS', () => {
    expect(receiveOpenWebui(event(), { ...context, allowedOrigins: ['https://other.example'] })).toEqual({
      kind: 'refused',
      origin: SENDER,
    });
    expect(receiveOpenWebui(event(), { ...context, allowedOrigins: [SENDER] }).kind).toBe('received');
  });

  it('calls a malformed payload from the opener unreadable, with the reason', () => {
    expect(receiveOpenWebui(event({ data: 'loaded' }), context)).toEqual({
      kind: 'unreadable',
      origin: SENDER,
      reason: 'not_json',
    });
    const hostile = payload({
      chat: {
        history: { currentId: 'a', messages: { a: { id: 'a', parentId: null, role: '__proto__', content: 'x' } } },
      },
    });
    expect(receiveOpenWebui(event({ data: hostile }), context)).toMatchObject({
      kind: 'unreadable',
      reason: 'unreadable',
      detail: expect.stringContaining('unknown role "__proto__"'),
    });
  });
});
