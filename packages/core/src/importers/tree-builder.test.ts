import { describe, expect, it } from 'vitest';
import { findTreeProblems } from '../conversation.js';
import { ImportError } from './import-error.js';
import { assembleTree, finishDraft, readEach, type SourceNode } from './tree-builder.js';
import { NOW } from '../../test/importer-helpers.js';

const node = (
  key: string,
  parentKey: string | null,
  text: string | null,
  extra: Partial<SourceNode> = {},
): SourceNode => ({
  key,
  sourceId: key,
  parentKey,
  message: text === null ? null : { role: 'user', parts: [{ type: 'text', text }] },
  parentPath: `${key}.parent`,
  ...extra,
});

describe('assembleTree', () => {
  it('orders parents before children whatever the input order', () => {
    const tree = assembleTree([node('c', 'b', 'c'), node('b', 'a', 'b'), node('a', null, 'a')], { path: '' });
    expect(tree.messages.map((message) => message.id)).toEqual(['a', 'b', 'c']);
    expect(tree.currentLeafId).toBe('c');
  });

  it('bridges over hidden nodes, including hidden roots', () => {
    const tree = assembleTree([node('r', null, null), node('a', 'r', 'a'), node('h', 'a', null), node('b', 'h', 'b')], {
      path: '',
      currentKey: 'b',
    });
    expect(tree.messages.map((message) => [message.id, message.parentId])).toEqual([
      ['a', null],
      ['b', 'a'],
    ]);
  });

  it('sorts siblings by rank, then by input order', () => {
    const tree = assembleTree(
      [node('a', null, 'a'), node('x', 'a', 'x', { rank: 1 }), node('y', 'a', 'y', { rank: 0 }), node('z', 'a', 'z')],
      { path: '' },
    );
    expect(tree.messages.map((message) => message.id)).toEqual(['a', 'y', 'x', 'z']);
    expect(tree.currentLeafId).toBe('z');
  });

  it('throws an ImportError at the first node of a loop', () => {
    expect(() => assembleTree([node('a', 'b', 'a'), node('b', 'c', 'b'), node('c', 'a', 'c')], { path: '' })).toThrow(
      new ImportError('a.parent', 'the parent chain loops'),
    );
  });

  it('keeps sound trees when loops hang below a root that is fine', () => {
    expect(() => assembleTree([node('a', null, 'a'), node('b', 'c', 'b'), node('c', 'b', 'c')], { path: '' })).toThrow(
      ImportError,
    );
  });

  it('generates ids that never collide with kept source ids', () => {
    const tree = assembleTree(
      [node('msg-1', null, 'x', { sourceId: 42 }), node('b', 'msg-1', 'b', { sourceId: 'msg-1' })],
      { path: '' },
    );
    expect(tree.messages.map((message) => message.id)).toEqual(['msg-2', 'msg-1']);
    expect(findTreeProblems(tree.messages, tree.currentLeafId)).toEqual([]);
  });

  it('lets the importer choose among leaves when the source names no current node', () => {
    const tree = assembleTree([node('a', null, 'a'), node('b', 'a', 'b'), node('c', 'a', 'c')], {
      path: '',
      chooseLeaf: () => 0,
    });
    expect(tree.currentLeafId).toBe('b');
  });
});

describe('finishDraft and readEach', () => {
  it('refuses an empty conversation', () => {
    expect(() =>
      finishDraft({ messages: [], currentLeafId: null, title: 'x', format: 'chatgpt', now: NOW, path: '[0]' }),
    ).toThrow(ImportError);
  });

  it('deduplicates models and drops blank ones', () => {
    const draft = finishDraft({
      messages: [{ id: 'a', parentId: null, role: 'assistant', parts: [], model: 'm1' }],
      currentLeafId: 'a',
      title: 42,
      models: ['m1', ' ', null, 'm2'],
      format: 'claude',
      now: NOW,
      path: '',
    });
    expect(draft.models).toEqual(['m1', 'm2']);
    expect(draft.title).toBe('Untitled conversation');
  });

  it('lets errors other than ImportError through', () => {
    expect(() =>
      readEach('claude', [1], '', { now: NOW }, () => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });
});
