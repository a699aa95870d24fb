import { describe, expect, it } from 'vitest';
import { appendToTree, branchTo, deriveTitle, findTreeProblems, lastLeaf } from './conversation.js';
import type { Message } from './model.js';

const message = (id: string, parentId: string | null, text = id, role: Message['role'] = 'user'): Message => ({
  id,
  parentId,
  role,
  parts: [{ type: 'text', text }],
});

describe('the message tree', () => {
  const tree = [message('r', null), message('a', 'r'), message('b', 'r'), message('c', 'b')];

  it('walks the branch to a leaf, root first', () => {
    expect(branchTo(tree, 'c').map((m) => m.id)).toEqual(['r', 'b', 'c']);
    expect(branchTo(tree, null)).toEqual([]);
  });

  it('picks the last childless message as the default leaf', () => {
    expect(lastLeaf(tree)).toBe('c');
    expect(lastLeaf([])).toBeNull();
  });

  it('reports duplicate ids, unknown parents, loops and a missing leaf with paths', () => {
    expect(findTreeProblems(tree, 'c')).toEqual([]);
    expect(findTreeProblems([message('a', null), message('a', null)], null)[0]!.path).toBe('messages[1].id');
    expect(findTreeProblems([message('a', 'x')], null)[0]!.path).toBe('messages[0].parentId');
    expect(findTreeProblems([message('a', 'b'), message('b', 'a')], null)[0]!.message).toContain('loops');
    expect(findTreeProblems([message('a', 'a')], null)[0]!.message).toContain('loops');
    expect(findTreeProblems(tree, 'zzz')).toEqual([{ path: 'currentLeafId', message: 'unknown message "zzz"' }]);
  });

  it('checks a long chain in linear time', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => message(`m${i}`, i === 0 ? null : `m${i - 1}`));
    const started = performance.now();
    expect(findTreeProblems(chain, 'm4999')).toEqual([]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('titles', () => {
  it('comes from the first user message, folded and cut at a word', () => {
    expect(deriveTitle([message('s', null, 'sys', 'system'), message('u', 's', '  How   do\nI  bake bread? ')])).toBe(
      'How do I bake bread?',
    );
    const long = deriveTitle([message('u', null, 'word '.repeat(40))], 30);
    expect(long.length).toBeLessThanOrEqual(30);
    expect(long.endsWith('…')).toBe(true);
    expect(deriveTitle([])).toBe('Untitled conversation');
  });

  it.each([
    ['**Bold** question about `git rebase`', 'Bold question about git rebase'],
    ['# Heading of the chat', 'Heading of the chat'],
    ['## Why is $e^{i\\pi} + 1 = 0$?', 'Why is e^(iπ) + 1 = 0?'],
    ['Prove $a^2 + b^2 = c^2$', 'Prove a² + b² = c²'],
    ['Read [the guide](https://example.com/guide) first', 'Read the guide first'],
    ['What is in ![a photo](data:image/png;base64,AAAA) this?', 'What is in this?'],
    ['> quoted *emphasis* and __strong__', 'quoted emphasis and strong'],
    ['- [ ] a task\n- another', 'a task another'],
    ['Fix this:\n```js\nconsole.log(1)\n```', 'Fix this:'],
    ['```py\nprint("only code")\n```', 'print("only code")'],
    ['| a | b |\n|---|---|\n| 1 | 2 |', 'a: 1, b: 2'],
    ['It costs $5 and $6, 2 * 3 * 4, snake_case_name', 'It costs $5 and $6, 2 * 3 * 4, snake_case_name'],
    ['Escaped \\*stars\\* and \\# hash', 'Escaped *stars* and # hash'],
    ['~~old~~ new &amp; improved', 'old new & improved'],
    ['![only an image](data:image/png;base64,AAAA)', 'Untitled conversation'],
  ])('is plain text: %j -> %j', (text, title) => {
    expect(deriveTitle([message('u', null, text)])).toBe(title);
  });

  it('cuts the plain text, not the markdown, at a word', () => {
    const title = deriveTitle([message('u', null, `**${'word '.repeat(30).trim()}**`)], 40);
    expect(title).toBe(`${'word '.repeat(7).trim()}…`);
  });
});

describe('appendToTree', () => {
  it('chains the new messages under the leaf and moves the leaf', () => {
    const result = appendToTree(
      { messages: [message('r', null)], currentLeafId: 'r', models: [] },
      [
        { id: 'x', role: 'assistant', parts: [], model: 'm-1' },
        { id: 'y', role: 'user', parts: [] },
      ],
      undefined,
    );
    expect(result.messages.map((m) => [m.id, m.parentId])).toEqual([
      ['r', null],
      ['x', 'r'],
      ['y', 'x'],
    ]);
    expect(result.currentLeafId).toBe('y');
    expect(result.models).toEqual(['m-1']);
  });
});
