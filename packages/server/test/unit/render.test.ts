import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pickEncoding } from '../../src/render/encoding.js';
import { LruCache } from '../../src/render/lru.js';
import { PageBody } from '../../src/render/page-body.js';
import { contentSecurityPolicy, sha256Of } from '../../src/render/security-headers.js';
import { ViewBuffer } from '../../src/repositories/view-buffer.js';
import { isBot } from '../../src/services/bots.js';
import { negotiateLocale } from '../../src/views/i18n.js';

describe('PageBody', () => {
  it('holds the page byte-exact in every encoding, compressed once when it is encoded', async () => {
    for (const size of [0, 1, 1000, 70_000, 300_000]) {
      const html = `<!DOCTYPE html>${'<p>hello</p>'.repeat(size / 12)}${randomBytes(size % 97).toString('hex')}`;
      const body = await PageBody.encode(html);
      const expected = Buffer.from(html);
      expect(body.in('identity').equals(expected)).toBe(true);
      expect(gunzipSync(body.in('gzip')).equals(expected)).toBe(true);
      expect(brotliDecompressSync(body.in('br')).equals(expected)).toBe(true);
      // The same buffers every time: nothing is compressed or copied per response.
      expect(body.in('br')).toBe(body.in('br'));
      expect(body.byteLength).toBe(expected.length + body.in('gzip').length + body.in('br').length);
    }
  });

  it('has one ETag for the same bytes (on any instance) and another for different ones', async () => {
    const a = await PageBody.encode('<p>a</p>');
    expect((await PageBody.encode('<p>a</p>')).etag).toBe(a.etag);
    expect((await PageBody.encode('<p>b</p>')).etag).not.toBe(a.etag);
    // Encoded twice, the compressed bytes are the same too, so instances agree on them.
    expect((await PageBody.encode('<p>a</p>')).in('gzip').equals(a.in('gzip'))).toBe(true);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows exactly the listed script hashes, and no script at all when none is listed', () => {
    const hash = sha256Of('console.log(1)');
    expect(contentSecurityPolicy({ scriptHashes: [hash] })).toContain(`script-src 'sha256-${hash}';`);
    expect(contentSecurityPolicy()).toContain("script-src 'none';");
    expect(contentSecurityPolicy()).not.toMatch(/nonce|unsafe/);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entries by count and by bytes', () => {
    const cache = new LruCache<string>(2, 100);
    cache.set('a', 'A', 10);
    cache.set('b', 'B', 10);
    cache.get('a');
    cache.set('c', 'C', 10);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    cache.set('a', 'A', 95);
    expect(cache.get('c')).toBeUndefined();
    expect(cache.bytes).toBe(95);
    cache.set('huge', 'H', 101);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});

describe('ViewBuffer', () => {
  it('hands each view to exactly one batch, and takes failed batches back', () => {
    const buffer = new ViewBuffer();
    buffer.add('s1', '2026-06-01T10:00:00.000Z');
    buffer.add('s1', '2026-06-01T09:00:00.000Z');
    const batch = buffer.take();
    buffer.add('s1', '2026-06-01T11:00:00.000Z');
    expect(batch.get('s1')).toEqual({
      count: 2,
      lastViewedAt: '2026-06-01T10:00:00.000Z',
      days: new Map([['2026-06-01', 2]]),
    });
    buffer.restore('s1', batch.get('s1')!);
    expect(buffer.countFor('s1')).toBe(3);
    expect(buffer.daysFor('s1')).toEqual(new Map([['2026-06-01', 3]]));
    expect(buffer.take().get('s1')!.lastViewedAt).toBe('2026-06-01T11:00:00.000Z');
    expect(buffer.total).toBe(0);
  });

  it('splits a batch by UTC day, so views either side of midnight land on their own days', () => {
    const buffer = new ViewBuffer();
    buffer.add('s1', '2026-06-01T23:59:59.999Z');
    buffer.add('s1', '2026-06-02T00:00:00.000Z');
    buffer.add('s1', '2026-06-02T08:00:00.000Z');
    expect(buffer.daysFor('s1')).toEqual(
      new Map([
        ['2026-06-01', 1],
        ['2026-06-02', 2],
      ]),
    );
    expect(buffer.daysFor('other').size).toBe(0);
  });
});

describe('negotiation', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['deflate', 'identity'],
    ['gzip;q=0, identity', 'identity'],
  ])('picks the encoding for %j: %s', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });

  it.each([
    [undefined, 'en'],
    ['de', 'de'],
    ['de-AT, en;q=0.9', 'de'],
    ['en-GB,de;q=0.8', 'en'],
    ['fr, de;q=0.5, en;q=0.4', 'de'],
    ['fr', 'en'],
    ['de;q=0', 'en'],
  ])('picks the language for %j: %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe('isBot', () => {
  it.each([
    'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)',
    'TelegramBot (like TwitterBot)',
    'Mozilla/5.0 (compatible; Embedly/0.2; +http://support.embed.ly/)',
    'Wget/1.21',
    undefined,
  ])('treats %j as automated', (agent) => {
    expect(isBot(agent)).toBe(true);
  });

  it.each([
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  ])('treats %j as a person', (agent) => {
    expect(isBot(agent)).toBe(false);
  });
});
