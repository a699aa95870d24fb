import { describe, expect, it } from 'vitest';
import type { Conversation } from '../model.js';
import { presentSnapshot, scanSnapshot } from './snapshot.js';

const conversation: Conversation = {
  id: 'internal-conversation-id',
  title: 'Hello',
  currentLeafId: 'a2',
  models: ['gpt-4o'],
  context: 'hidden custom instructions',
  source: { format: 'chatshare', importedAt: '2026-01-01T00:00:00.000Z' },
  messages: [
    { id: 's', parentId: null, role: 'system', parts: [{ type: 'text', text: 'system prompt' }] },
    { id: 'u1', parentId: 's', role: 'user', author: 'Ana', parts: [{ type: 'text', text: 'hi' }] },
    { id: 'a1', parentId: 'u1', role: 'assistant', parts: [{ type: 'text', text: 'first' }] },
    { id: 'a2', parentId: 'u1', role: 'assistant', status: 'incomplete', parts: [{ type: 'text', text: 'second' }] },
  ],
};

describe('presentSnapshot', () => {
  it('keeps the current branch without system messages, with fresh positional ids', () => {
    const snapshot = presentSnapshot(conversation, { showAuthor: false, redact: false });
    expect(snapshot.messages).toEqual([
      { id: 'm1', parentId: null, role: 'user', parts: [{ type: 'text', text: 'hi' }] },
      { id: 'm2', parentId: 'm1', role: 'assistant', status: 'incomplete', parts: [{ type: 'text', text: 'second' }] },
    ]);
    const json = JSON.stringify(snapshot);
    for (const hidden of ['internal-conversation-id', 'hidden custom instructions', 'system prompt', 'Ana', '"u1"']) {
      expect(json).not.toContain(hidden);
    }
  });

  it('keeps authors only with showAuthor, and takes another branch or a range when asked', () => {
    expect(presentSnapshot(conversation, { showAuthor: true, redact: false }).messages[0]!.author).toBe('Ana');
    const other = presentSnapshot(conversation, { showAuthor: false, redact: false, leafMessageId: 'a1' });
    expect(other.messages.at(-1)!.parts).toEqual([{ type: 'text', text: 'first' }]);
    expect(
      presentSnapshot(conversation, { showAuthor: false, redact: false, range: { start: 1 } }).messages,
    ).toHaveLength(1);
  });

  it('redacts secrets everywhere, nested tool input included', () => {
    const leaky: Conversation = {
      ...conversation,
      title: 'key AKIAIOSFODNN7EXAMPLE',
      currentLeafId: 't',
      messages: [
        {
          id: 't',
          parentId: null,
          role: 'assistant',
          parts: [{ type: 'tool_call', name: 'x', input: { deep: ['a@b.example'] } }],
        },
      ],
    };
    const plain = presentSnapshot(leaky, { showAuthor: false, redact: false });
    expect(scanSnapshot(plain).map((w) => [w.kind, w.location])).toEqual([
      ['aws_access_key', 'title'],
      ['email', 'messages[0]'],
    ]);
    const redacted = presentSnapshot(leaky, { showAuthor: false, redact: true });
    expect(scanSnapshot(redacted)).toEqual([]);
    expect(redacted.messages[0]!.parts[0]).toEqual({
      type: 'tool_call',
      name: 'x',
      input: { deep: ['[REDACTED Email address]'] },
    });
  });
});
