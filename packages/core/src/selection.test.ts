import { describe, expect, it } from 'vitest';
import type { Message } from './model.js';
import { grownLeaf, nextSelection, selectMessages, WHOLE_BRANCH } from './selection.js';

const message = (id: string, parentId: string | null, role: Message['role'] = 'user'): Message => ({
  id,
  parentId,
  role,
  parts: [{ type: 'text', text: id }],
});

// s (system) → u1 → a1 → u2 (current); a1 → u2b → a2b → { u3b, u3c } (a fork)
const messages = [
  message('s', null, 'system'),
  message('u1', 's'),
  message('a1', 'u1', 'assistant'),
  message('u2', 'a1'),
  message('u2b', 'a1'),
  message('a2b', 'u2b', 'assistant'),
  message('u3b', 'a2b'),
  message('u3c', 'a2b'),
];
const conversation = { messages, currentLeafId: 'u2' };
const ids = (list: Message[]) => list.map((item) => item.id);

describe('grownLeaf', () => {
  it('follows the conversation to its current leaf when it went on from the remembered one', () => {
    expect(grownLeaf(conversation, 'a1')).toBe('u2');
    expect(grownLeaf(conversation, 'u2')).toBe('u2');
  });

  it('goes down an only child and stops at a fork, where nobody said which way', () => {
    expect(grownLeaf(conversation, 'u2b')).toBe('a2b');
    expect(grownLeaf(conversation, 'u3c')).toBe('u3c');
  });
});

describe('nextSelection', () => {
  it('takes the current branch, whole, when nothing is asked or remembered', () => {
    expect(nextSelection(conversation, {}, null)).toEqual({ leafMessageId: 'u2', start: 0, end: null });
    expect(nextSelection(conversation, {}, WHOLE_BRANCH)).toEqual({ leafMessageId: 'u2', start: 0, end: null });
  });

  it('keeps a remembered range, resets it for another branch, and takes a new one when asked', () => {
    const remembered = { leafMessageId: 'u2b', start: 1, end: 2 };
    expect(nextSelection(conversation, {}, remembered)).toEqual({ leafMessageId: 'a2b', start: 1, end: 2 });
    expect(nextSelection(conversation, { leafMessageId: 'u3b' }, remembered)).toEqual({
      leafMessageId: 'u3b',
      start: 0,
      end: null,
    });
    expect(nextSelection(conversation, { range: { start: 2 } }, remembered)).toEqual({
      leafMessageId: 'a2b',
      start: 2,
      end: null,
    });
  });

  it('says so when the remembered branch is gone from the conversation', () => {
    expect(() => nextSelection(conversation, {}, { leafMessageId: 'gone', start: 0, end: null })).toThrow(
      expect.objectContaining({ code: 'message_not_found' }),
    );
  });
});

describe('selectMessages', () => {
  it('counts positions without system messages and refuses an empty choice', () => {
    expect(ids(selectMessages(conversation, {}))).toEqual(['u1', 'a1', 'u2']);
    expect(ids(selectMessages(conversation, { leafMessageId: 'u3c', range: { start: 1, end: 3 } }))).toEqual([
      'a1',
      'u2b',
    ]);
    for (const range of [{ start: 3 }, { start: 1, end: 1 }, { start: 2, end: 1 }]) {
      expect(() => selectMessages(conversation, { range })).toThrow(
        expect.objectContaining({ code: 'empty_selection' }),
      );
    }
    expect(() => selectMessages(conversation, { leafMessageId: 'nope' })).toThrow(
      expect.objectContaining({ code: 'message_not_found' }),
    );
  });
});
