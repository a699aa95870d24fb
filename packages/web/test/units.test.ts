/** The app's pure parts: where `next` may lead, branches of a conversation tree, the chart's scale, strings. */
import type { Message } from '@chatshare/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { branchesOf, branchExcerpt, currentBranchIndex } from '../src/branches.js';
import { countAxis } from '../src/components/chart-scale.js';
import { APP_STRINGS } from '../src/i18n/strings.js';
import { safeNext } from '../src/safe-next.js';

const ORIGIN = 'https://chat.example.com';

describe('safeNext', () => {
  it.each([
    ['/s/AbC123xyz789', '/s/AbC123xyz789'],
    ['/app/links?status=all#top', '/app/links?status=all#top'],
    ['/app/../s/x', '/s/x'],
    // An encoded newline stays encoded: a harmless path on this site.
    ['/%0a/evil', '/%0a/evil'],
  ])('follows the same-site path %s', (raw, expected) => {
    expect(safeNext(raw, ORIGIN)).toBe(expected);
  });

  it.each([
    null,
    '',
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/app\n//evil.example',
    'app/links',
    `/${'a'.repeat(2100)}`,
  ])('refuses %j', (raw) => {
    expect(safeNext(raw, ORIGIN)).toBeNull();
  });
});

const message = (id: string, parentId: string | null, text: string, role: Message['role'] = 'user'): Message => ({
  id,
  parentId,
  role,
  parts: [{ type: 'text', text }],
});

describe('branches', () => {
  // q1 -> a1 -> q2 -> a2, and a regenerated answer a1b under q1, and an edited q2b under a1.
  const tree = [
    message('q1', null, 'First question'),
    message('a1', 'q1', 'First answer', 'assistant'),
    message('a1b', 'q1', 'Another first answer', 'assistant'),
    message('q2', 'a1', 'Second question'),
    message('q2b', 'a1', 'Edited second question'),
    message('a2', 'q2', 'Second answer', 'assistant'),
  ];

  it('has one branch per leaf, each from the root down', () => {
    const branches = branchesOf(tree);
    expect(branches.map((branch) => branch.leafId)).toEqual(['a1b', 'q2b', 'a2']);
    expect(branches[2]!.messages.map((item) => item.id)).toEqual(['q1', 'a1', 'q2', 'a2']);
  });

  it('shows the current branch, or the one holding the current message, or the last', () => {
    const branches = branchesOf(tree);
    expect(currentBranchIndex(branches, 'q2b')).toBe(1);
    expect(currentBranchIndex(branches, 'q2')).toBe(2);
    expect(currentBranchIndex(branches, 'unknown')).toBe(2);
    expect(currentBranchIndex([], null)).toBe(-1);
  });

  it('survives a cycle and a missing parent in imported data', () => {
    const broken = [message('x', 'y', 'x'), message('y', 'x', 'y'), message('z', 'missing', 'orphan')];
    expect(branchesOf(broken).map((branch) => branch.messages.length)).toEqual([1]);
  });

  it('describes a branch by the start of its last text', () => {
    expect(branchExcerpt(branchesOf(tree)[0]!)).toBe('Another first answer');
    expect(branchExcerpt({ leafId: 'l', messages: [message('l', null, 'word '.repeat(40))] }, 20)).toBe(
      'word word word word…',
    );
  });
});

describe('countAxis', () => {
  it.each([
    [0, [0, 1]],
    [1, [0, 1]],
    [2, [0, 1, 2]],
    [3, [0, 1, 2, 3]],
    [5, [0, 2, 4, 6]],
    [7, [0, 2, 4, 6, 8]],
    [12, [0, 5, 10, 15]],
    [20, [0, 5, 10, 15, 20]],
    [51, [0, 20, 40, 60]],
    [730, [0, 200, 400, 600, 800]],
    [1234, [0, 500, 1000, 1500]],
    [99_999, [0, 50_000, 100_000]],
  ])('gives a chart of at most %d views the ticks %j', (max, ticks) => {
    expect(countAxis(max)).toEqual({ top: ticks.at(-1), ticks });
  });

  it('counts in whole, evenly spaced steps from 0 to a top at or above the maximum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (max) => {
        const { top, ticks } = countAxis(max);
        expect(ticks.every(Number.isInteger)).toBe(true);
        expect(ticks[0]).toBe(0);
        expect(ticks.at(-1)).toBe(top);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(5);
        const step = ticks[1]!;
        expect(ticks.every((tick, index) => tick === index * step)).toBe(true);
        expect(top).toBeGreaterThanOrEqual(max);
        // Round, but not wasteful: the bars use more than half of the height.
        expect(top).toBeLessThanOrEqual(Math.max(1, 2 * max));
      }),
    );
  });
});

describe('strings', () => {
  it('has every key in English and German, with the same placeholders', () => {
    const en = APP_STRINGS.en as Record<string, string>;
    const de = APP_STRINGS.de as Record<string, string>;
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(en)) expect([key, placeholders(de[key]!)]).toEqual([key, placeholders(en[key]!)]);
  });
});
