import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isShortCode, makeShortCode, SHORT_CODE_LENGTH } from './short-code.js';

describe('short codes', () => {
  it('are 12 base62 characters (over 64 bits) and do not repeat', () => {
    const codes = new Set(Array.from({ length: 10_000 }, () => makeShortCode((n) => randomBytes(n))));
    expect(codes.size).toBe(10_000);
    for (const code of codes) expect(isShortCode(code)).toBe(true);
    expect(SHORT_CODE_LENGTH * Math.log2(62)).toBeGreaterThan(64);
  });

  it('uses every character about equally (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i++)
      for (const char of makeShortCode((n) => randomBytes(n))) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (5000 * 12) / 62;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.2);
  });

  it('rejects anything else', () => {
    for (const value of ['', 'abc', 'abcdefghijk!', 'abcdefghijklm', '../etc/passwd'])
      expect(isShortCode(value)).toBe(false);
  });
});
