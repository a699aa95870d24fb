import { describe, expect, it } from 'vitest';
import { cleanTitle, deriveTitle } from '../conversation.js';
import { LIMITS } from '../limits.js';
import { toIsoDate } from './read-helpers.js';
import { capParts, clip, cleanJson, decodeEntities, pathTo } from './sanitize.js';

describe('clip', () => {
  it('leaves short well-formed text alone', () => {
    expect(clip('héllo 👋', 10)).toBe('héllo 👋');
  });

  it('cuts long text with an ellipsis and never splits a surrogate pair', () => {
    expect(clip('abc👋def', 5)).toBe('abc…');
    expect(clip('abcdef', 4)).toBe('abc…');
  });

  it('repairs lone surrogates', () => {
    expect(clip('a\ud800b\udc00')).toBe('a\ufffdb\ufffd');
  });
});

describe('cleanJson', () => {
  it('bounds depth and total size', () => {
    let deep: unknown = 'bottom';
    for (let index = 0; index < 100; index++) deep = [deep];
    expect(JSON.stringify(cleanJson(deep))).toContain('…');
    const big = cleanJson({ a: 'x'.repeat(LIMITS.partTextLength * 2), b: 'y' }) as Record<string, unknown>;
    expect((big.a as string).length).toBeLessThanOrEqual(LIMITS.partTextLength);
  });

  it('keeps __proto__ as an own key and maps non-JSON values to null', () => {
    const value = cleanJson(JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(cleanJson([Number.NaN, undefined, () => 1])).toEqual([null, null, null]);
  });
});

describe('decodeEntities', () => {
  it('decodes the basic named and numeric entities', () => {
    expect(decodeEntities('&lt;b&gt; &amp;amp; &quot;x&quot; &#39;y&#x27; &#128075;')).toBe('<b> &amp; "x" \'y\' 👋');
  });

  it('leaves unknown entities as written', () => {
    expect(decodeEntities('&copy; &bogus;')).toBe('&copy; &bogus;');
  });
});

describe('pathTo and capParts', () => {
  it('writes plain keys with dots and other keys in brackets', () => {
    expect(pathTo('[3].mapping', 'abc-1')).toBe('[3].mapping.abc-1');
    expect(pathTo('[3].mapping', 'a b')).toBe('[3].mapping["a b"]');
    expect(pathTo('', 'messages')).toBe('messages');
    expect(pathTo('x', 2)).toBe('x[2]');
  });

  it('keeps at most the allowed number of parts and says how many were left out', () => {
    const parts = Array.from({ length: LIMITS.partsPerMessage + 5 }, () => ({ type: 'text' as const, text: 'x' }));
    const capped = capParts(parts);
    expect(capped).toHaveLength(LIMITS.partsPerMessage);
    expect(capped.at(-1)).toEqual({ type: 'text', text: '[6 more parts were not imported]' });
  });
});

describe('fixes in shared helpers', () => {
  it('toIsoDate refuses dates outside years 0000-9999, which are not RFC 3339', () => {
    expect(toIsoDate(1e15, 'seconds')).toBeUndefined();
    expect(toIsoDate('+275760-09-13T00:00:00.000Z')).toBeUndefined();
    expect(toIsoDate(1_700_000_000)).toBe('2023-11-14T22:13:20.000Z');
  });

  it('titles are cut without splitting a surrogate pair', () => {
    const title = cleanTitle(`${'a'.repeat(LIMITS.titleLength - 2)}👋👋`, 'x');
    expect(title).toBe(`${'a'.repeat(LIMITS.titleLength - 2)}…`);
    const derived = deriveTitle([
      { id: 'a', parentId: null, role: 'user', parts: [{ type: 'text', text: `${'b'.repeat(78)}👋 more` }] },
    ]);
    expect(derived).toBe(`${'b'.repeat(78)}…`);
  });
});
