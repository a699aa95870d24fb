import { describe, expect, it } from 'vitest';
import { context, soundResult } from '../../test/importer-helpers.js';
import { presentSnapshot } from '../presenters/snapshot.js';
import type { Conversation } from '../model.js';
import { toChatshareFile, toRevealNote, type ChatshareFile } from './chatshare-file.js';
import { chatshareFileImporter } from './chatshare-file-importer.js';
import { chatshareImporter } from './chatshare.js';
import { detectImporter, ImportError, importConversations } from './index.js';

const URL = 'https://chat.example.com/s/AbC123xyz789';

const conversation: Conversation = {
  id: 'c1',
  title: 'Planning a trip',
  currentLeafId: 'a1',
  models: ['gpt-4o'],
  context: 'HIDDEN-CONTEXT',
  source: { format: 'openai', importedAt: '2025-01-01T00:00:00.000Z' },
  messages: [
    { id: 'sys', parentId: null, role: 'system', parts: [{ type: 'text', text: 'SYSTEM-PROMPT' }] },
    {
      id: 'u1',
      parentId: 'sys',
      role: 'user',
      author: 'Ana',
      createdAt: '2025-01-01T10:00:00.000Z',
      parts: [{ type: 'text', text: 'What should I see?' }],
    },
    {
      id: 'a1',
      parentId: 'u1',
      role: 'assistant',
      model: 'gpt-4o',
      status: 'incomplete',
      parts: [
        { type: 'reasoning', text: 'Think.' },
        { type: 'code', language: 'ts', text: 'const a = 1;' },
        { type: 'tool_call', name: 'search', input: { q: 'Lisbon' } },
      ],
    },
    { id: 'a0', parentId: 'u1', role: 'assistant', parts: [{ type: 'text', text: 'OTHER-BRANCH' }] },
  ],
};

function fileOf(showAuthor: boolean): ChatshareFile {
  const snapshot = presentSnapshot(conversation, { showAuthor, redact: false });
  return toChatshareFile({
    title: snapshot.title,
    url: URL,
    sharedAt: '2025-02-01T00:00:00.000Z',
    sharedBy: showAuthor ? 'Ada' : null,
    models: snapshot.models,
    messages: snapshot.messages,
  });
}

/** The file as it travels: JSON text parsed again. */
const roundTrip = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value));

const readError = (input: unknown): ImportError => {
  try {
    importConversations(input, context);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('the input was imported');
};

describe('the chatshare file', () => {
  it('holds the shown branch only, without ids, hidden context or other branches', () => {
    const file = fileOf(false);
    expect(file).toMatchObject({ format: 'chatshare', version: 1, title: 'Planning a trip', url: URL });
    expect(file.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    const text = JSON.stringify(file);
    for (const hidden of ['HIDDEN-CONTEXT', 'SYSTEM-PROMPT', 'OTHER-BRANCH', '"id"', 'parentId', 'Ana', 'sharedBy']) {
      expect(text).not.toContain(hidden);
    }
    expect(fileOf(true)).toMatchObject({ sharedBy: 'Ada', messages: [{ author: 'Ana' }, {}] });
  });

  it('imports back to the same messages, as one chain with the link as source id', () => {
    const file = roundTrip(fileOf(true));
    expect(detectImporter(file)).toBe(chatshareFileImporter);
    const [draft] = soundResult(importConversations(file, context)).conversations;
    expect(draft).toMatchObject({
      title: 'Planning a trip',
      currentLeafId: 'm2',
      models: ['gpt-4o'],
      source: { format: 'chatshare', id: URL, importedAt: context.now.toISOString() },
    });
    expect(draft!.context).toBeUndefined();
    expect(draft!.messages).toEqual([
      {
        id: 'm1',
        parentId: null,
        role: 'user',
        author: 'Ana',
        createdAt: '2025-01-01T10:00:00.000Z',
        parts: [{ type: 'text', text: 'What should I see?' }],
      },
      {
        id: 'm2',
        parentId: 'm1',
        role: 'assistant',
        model: 'gpt-4o',
        status: 'incomplete',
        parts: conversation.messages[2]!.parts,
      },
    ]);
  });

  it('is claimed by its own importer alone, also when the format is named', () => {
    const file = roundTrip(fileOf(false));
    expect(chatshareImporter.detect(file)).toBe(false);
    expect(importConversations(file, { ...context, format: 'chatshare' }).conversations).toHaveLength(1);
    // The API's own shape still goes to the other chatshare importer.
    const plain = { messages: [{ id: 'a', parentId: null, role: 'user', parts: [{ type: 'text', text: 'Hi' }] }] };
    expect(importConversations(plain, { ...context, format: 'chatshare' }).conversations).toHaveLength(1);
  });

  it('keeps no source id that is not a link', () => {
    const file = { ...roundTrip(fileOf(false)), url: 'javascript:alert(1)' };
    expect(importConversations(file, context).conversations[0]!.source.id).toBeUndefined();
  });
});

describe('reading a chatshare file that is wrong', () => {
  const good = () => roundTrip(fileOf(false));

  it.each([
    ['a missing version', { version: undefined }, 'version: missing'],
    ['a newer version', { version: 2 }, 'version: version 2 is not readable here (a newer chatshare wrote this file)'],
    ['version 0', { version: 0 }, 'version: version 0 is not readable here'],
    ['a version in words', { version: '1' }, 'version: must be a whole number'],
    ['no title', { title: undefined }, 'title'],
    ['a title that is not text', { title: 42 }, 'title'],
    ['no messages', { messages: undefined }, 'messages'],
    ['an empty list of messages', { messages: [] }, 'messages'],
    ['messages that are not a list', { messages: { 0: {} } }, 'messages'],
  ])('refuses %s with a clear error', (_name, change, expected) => {
    const input: Record<string, unknown> = { ...good(), ...change };
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete input[key];
    const error = readError(input);
    expect(error.code).toBe('import_failed');
    expect(error.status).toBe(400);
    expect(error.message).toContain(expected);
  });

  it.each([
    ['a system message', { role: 'system' }, 'messages[1].role'],
    ['an unknown role', { role: '__proto__' }, 'messages[1].role'],
    ['an id (ids are made on import)', { id: 'x' }, 'messages[1]'],
    ['an unknown part', { parts: [{ type: 'html', html: '<script>' }] }, 'messages[1].parts[0]'],
    ['a bad date', { createdAt: 'yesterday' }, 'messages[1].createdAt'],
  ])('refuses a message with %s, naming it', (_name, change, path) => {
    const input = good();
    const messages = input.messages as Record<string, unknown>[];
    messages[1] = { ...messages[1], ...change };
    expect(readError(input).message).toMatch(new RegExp(`^${path.replace(/[[\].]/g, '\\$&')}`));
  });

  it('keeps prototype keys as data and refuses them where they do not belong', () => {
    const hostile = JSON.parse(
      JSON.stringify(good()).replace('"role":"user"', '"role":"user","__proto__":{"polluted":true}'),
    );
    expect(Object.hasOwn(hostile.messages[0], '__proto__')).toBe(true);
    expect(readError(hostile).message).toMatch(/^messages\[0\]/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // At the top level they are unknown keys, ignored as any other.
    const top = JSON.parse(
      JSON.stringify(good()).replace('{"format"', '{"__proto__":{"polluted":true},"constructor":{"x":1},"format"'),
    );
    const [draft] = importConversations(top, context).conversations;
    expect(draft!.messages).toHaveLength(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads a view-limited link’s note as what it is: no conversation', () => {
    const note = roundTrip(toRevealNote({ url: URL, viewsLeft: 3, note: 'Open the link to read it.' }));
    expect(readError(note).message).toContain('the file holds no conversation');
  });

  it('leaves another `format` to the API’s own shape, which names the key it does not know', () => {
    const other = { ...good(), format: 'chatshare2' };
    expect(readError(other).message).toMatch(/^format: /);
  });
});
