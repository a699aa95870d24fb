import { describe, expect, it } from 'vitest';
import type { ConversationDraft, Message } from './model.js';
import { draftProblem, readableSnapshot, readableTree } from './model-guard.js';

const text = (value: string) => [{ type: 'text' as const, text: value }];
const message = (id: string, parentId: string | null, extra: Record<string, unknown> = {}) =>
  ({ id, parentId, role: 'user', parts: text(id), ...extra }) as Message;

const draft = (messages: unknown[], currentLeafId: string | null = 'b'): ConversationDraft =>
  ({
    title: 'T',
    messages,
    currentLeafId,
    models: [],
    source: { format: 'openai', importedAt: '2026-06-01T12:00:00.000Z' },
  }) as ConversationDraft;

describe('draftProblem', () => {
  it('accepts a sound draft', () => {
    expect(draftProblem(draft([message('a', null), message('b', 'a')]))).toBeUndefined();
  });

  it('names the first field that misses the model, such as a role the prototype stood in for', () => {
    const problem = draftProblem(draft([message('a', null), message('b', 'a', { role: {} })]));
    expect(problem?.path).toBe('messages[1].role');
  });

  it('names a broken tree', () => {
    expect(draftProblem(draft([message('a', 'b'), message('b', 'a')]))?.message).toBe('the parent chain loops');
  });
});

describe('readableTree', () => {
  it('gives sound data back as it is', () => {
    const messages = [message('a', null), message('b', 'a')];
    expect(readableTree(messages, 'b')).toEqual({ messages, currentLeafId: 'b' });
  });

  it('leaves out unreadable messages and hangs their replies on the nearest kept ancestor', () => {
    const tree = readableTree(
      [
        message('a', null),
        message('b', 'a', { role: {} }),
        message('c', 'b', { role: 'constructor' }),
        message('d', 'c'),
      ],
      'c',
    );
    expect(tree.messages.map(({ id, parentId }) => [id, parentId])).toEqual([
      ['a', null],
      ['d', 'a'],
    ]);
    expect(tree.currentLeafId).toBe('a');
  });

  it('drops unreadable parts and fields but keeps the message', () => {
    const tree = readableTree(
      [message('a', null, { parts: [...text('ok'), { type: 'nope' }], createdAt: 'yesterday', extra: 1 })],
      'a',
    );
    expect(tree.messages).toEqual([{ id: 'a', parentId: null, role: 'user', parts: text('ok') }]);
  });

  it('cuts a parent loop and survives anything that is not a list', () => {
    const looped = readableTree([message('a', 'b'), message('b', 'a')], 'b');
    expect(looped.messages.filter((item) => item.parentId === null)).toHaveLength(1);
    expect(readableTree({ not: 'a list' }, 'x')).toEqual({ messages: [], currentLeafId: null });
  });
});

describe('readableSnapshot', () => {
  it('leaves out unreadable messages and relinks the chain', () => {
    const snapshot = readableSnapshot({
      format: 1,
      title: 'T',
      models: ['m', 3],
      messages: [
        { id: 'm1', parentId: null, role: 'user', parts: text('hi') },
        { id: 'm2', parentId: 'm1', role: {}, parts: text('broken') },
        { id: 'm3', parentId: 'm2', role: 'assistant', parts: text('yo') },
        'not a message',
      ],
    });
    expect(snapshot.models).toEqual(['m']);
    expect(snapshot.messages.map(({ id, parentId }) => [id, parentId])).toEqual([
      ['m1', null],
      ['m3', 'm1'],
    ]);
  });

  it('reads anything else as an empty snapshot', () => {
    expect(readableSnapshot(null)).toEqual({ format: 1, title: '', models: [], messages: [] });
  });
});
