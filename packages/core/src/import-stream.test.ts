import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importStream, type ImportEvent } from './import-stream.js';
import { importConversations, parseImportText } from './importers/index.js';

const now = new Date('2026-01-01T00:00:00Z');
const read = (path: string) => readFileSync(new URL(`../test/fixtures/${path}`, import.meta.url), 'utf8');

async function* chunked(text: string, size: number) {
  const bytes = new TextEncoder().encode(text);
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

async function collect(text: string, size = 7, format?: Parameters<typeof importStream>[1]['format']) {
  const events: ImportEvent[] = [];
  for await (const event of importStream(chunked(text, size), { now, ...(format ? { format } : {}) }))
    events.push(event);
  return events;
}

const drafts = (events: ImportEvent[]) =>
  events.flatMap((event) => (event.type === 'conversation' ? [event.draft] : []));

describe('importStream', () => {
  it.each([
    'chatgpt/librechat-fixture_chatgpt-tree.json',
    'chatgpt/librechat-fixture_chatgpt-modern-export.json',
    'claude/own_claude-export.json',
    'openwebui/librechat-fixture_openwebui-export.json',
    'librechat/librechat-tree.json',
    'openai-messages/cookbook_toy_chat_fine_tuning.first4lines.jsonl',
  ])('gives the same conversations as reading %s whole, in tiny chunks split inside characters', async (path) => {
    const text = read(path);
    const whole = importConversations(parseImportText(text), { now });
    const events = await collect(text, 3);
    expect(events[0]).toEqual({ type: 'format', format: whole.format });
    expect(drafts(events)).toEqual(whole.conversations);
    expect(events.filter((event) => event.type === 'skipped').map((event) => (event as { path: string }).path)).toEqual(
      whole.skipped.map((skip) => skip.path),
    );
  });

  it('skips a broken conversation with its path in the file and imports the rest', async () => {
    const conversations = JSON.parse(read('chatgpt/librechat-fixture_chatgpt-tree.json')) as object[];
    const text = JSON.stringify([conversations[0], { title: 'broken', mapping: 5 }, conversations[0]]);
    const events = await collect(text, 64);
    expect(drafts(events)).toHaveLength(2);
    const skipped = events.find((event) => event.type === 'skipped') as Extract<ImportEvent, { type: 'skipped' }>;
    expect(skipped.index).toBe(1);
    expect(skipped.path.startsWith('[1]')).toBe(true);
  });

  it('finds the format even when the first conversations are broken', async () => {
    const conversations = JSON.parse(read('chatgpt/librechat-fixture_chatgpt-tree.json')) as object[];
    const text = JSON.stringify([{ title: 'no mapping' }, 42, conversations[0]]);
    const events = await collect(text, 50);
    expect(events.find((event) => event.type === 'format')).toEqual({ type: 'format', format: 'chatgpt' });
    expect(drafts(events)).toHaveLength(1);
    expect(
      events.filter((event) => event.type === 'skipped').map((event) => (event as { index: number }).index),
    ).toEqual([0, 1]);
  });

  it('gives up on a list of unknown things after a few elements', async () => {
    const text = JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ thing: i })));
    await expect(collect(text, 50)).rejects.toMatchObject({ code: 'unsupported_format' });
  });

  it('reads a bare OpenAI messages array as one conversation', async () => {
    const events = await collect(
      JSON.stringify([
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
      ]),
    );
    expect(drafts(events)).toHaveLength(1);
    expect(drafts(events)[0]!.messages).toHaveLength(2);
  });

  it('accepts a byte-order mark, leading whitespace and a trailing newline', async () => {
    const text = `\ufeff \n${read('chatgpt/librechat-fixture_chatgpt-tree.json')}\n\n`;
    expect(drafts(await collect(text, 5))).toHaveLength(1);
  });

  it('fails a truncated file with an ImportError that says where', async () => {
    const text = read('chatgpt/librechat-fixture_chatgpt-tree.json');
    await expect(collect(text.slice(0, text.length / 2))).rejects.toMatchObject({ code: 'import_failed' });
  });

  it('refuses an empty list and an unknown format', async () => {
    await expect(collect('[]')).rejects.toMatchObject({ code: 'unsupported_format' });
    await expect(collect('[{"nothing": true}]')).rejects.toMatchObject({ code: 'unsupported_format' });
    await expect(collect('')).rejects.toMatchObject({ status: 400 });
  });

  it('refuses a non-array file larger than the buffer limit', async () => {
    const events = importStream(chunked(`{"messages": [${'"x",'.repeat(1000)}"x"]}`, 100), {
      now,
      maxBufferedBytes: 1000,
    });
    await expect(events.next()).rejects.toMatchObject({ code: 'payload_too_large' });
  });
});
