/** GET /api/v1/shared: listing, full-text search, ranking and highlighting on the dialect in use. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, DIALECT, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
import { codes, explore, marked, publish, talk } from './helpers.js';

let t: TestApp;
let owner: TestUser;
const code: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp({}, { rateLimits: { explore: { max: 10_000, windowMs: 60_000 } } });
  owner = await signUp(t.app);
  const fixtures: [string, string, string, string][] = [
    [
      'kubernetes',
      'Kubernetes autoscaling explained',
      'How does the horizontal pod autoscaler work?',
      'It watches metrics.',
    ],
    ['body-only', 'Cluster questions', 'My pods keep restarting', 'Kubernetes restarts containers that fail probes.'],
    ['sourdough', 'Baking sourdough bread', 'My starter is not rising', 'Feed it twice a day and keep it warm.'],
    ['running', 'Training plan', 'I am running a marathon in spring', 'Build mileage slowly.'],
    ['phrase', 'Notes on tea', 'green tea or black?', 'Black tea has more caffeine than green tea.'],
    ['scattered', 'Colours', 'Is black a colour?', 'Green is one; tea is a drink.'],
  ];
  for (const [key, title, question, answer] of fixtures) {
    t.clock.advance(60_000);
    code[key] = (await publish(t, owner, talk(title, question, answer))).shortCode;
  }
});
afterAll(() => t.close());

describe(`explore search (${DIALECT})`, () => {
  it('lists public shares newest first, with their counts and models', async () => {
    const result = await explore(t);
    expect(result.sort).toBe('newest');
    expect(codes(result)).toEqual(
      ['scattered', 'phrase', 'running', 'sourdough', 'body-only', 'kubernetes'].map((key) => code[key]),
    );
    const first = result.items[0]!;
    expect(first).toMatchObject({ title: 'Colours', messageCount: 2, models: ['gpt-4o'], views: 0, sharedBy: null });
    expect(first.url).toBe(`${t.config.publicUrl}/s/${code.scattered}`);
    // Without search words the excerpt is the opening question, unmarked.
    expect(first.excerpt).toEqual([{ text: 'Is black a colour?', match: false }]);
  });

  it('ranks a title match above a match in the body only', async () => {
    const result = await explore(t, { q: 'kubernetes' });
    expect(result.sort).toBe('relevance');
    expect(codes(result)).toEqual([code.kubernetes, code['body-only']]);
  });

  it('marks the matched words in the title and in the excerpt', async () => {
    const [titleHit, bodyHit] = (await explore(t, { q: 'kubernetes' })).items;
    expect(marked(titleHit!.titleHighlights)).toEqual(['kubernetes']);
    expect(titleHit!.titleHighlights.map((segment) => segment.text).join('')).toBe('Kubernetes autoscaling explained');
    expect(marked(bodyHit!.excerpt)).toContain('kubernetes');
    expect(marked(bodyHit!.titleHighlights)).toEqual([]);
  });

  it('requires every word, and stems them', async () => {
    expect(codes(await explore(t, { q: 'sourdough starter' }))).toEqual([code.sourdough]);
    expect(codes(await explore(t, { q: 'sourdough marathon' }))).toEqual([]);
    // "runs" and "running" share a stem.
    expect(codes(await explore(t, { q: 'runs' }))).toEqual([code.running]);
  });

  it('matches a "quoted phrase" only where its words stand together', async () => {
    expect(codes(await explore(t, { q: '"green tea"' }))).toEqual([code.phrase]);
    expect(new Set(codes(await explore(t, { q: 'green tea' })))).toEqual(new Set([code.phrase, code.scattered]));
  });

  it('sorts search results by newest or most viewed on request', async () => {
    const newest = await explore(t, { q: 'tea', sort: 'newest' });
    expect(codes(newest)).toEqual([code.scattered, code.phrase]);
    await call(t.app, 'GET', `/s/${code.phrase}`, { headers: { 'user-agent': 'Mozilla/5.0 Firefox/120.0' } });
    await t.app.repos.shares.flushViews();
    expect(codes(await explore(t, { q: 'tea', sort: 'views' }))).toEqual([code.phrase, code.scattered]);
    expect(codes(await explore(t, { sort: 'views' }))[0]).toBe(code.phrase);
  });

  it('pages through every listed share exactly once, in each order', async () => {
    for (const sort of ['newest', 'views'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await explore(t, { sort, limit: 4, ...(cursor ? { cursor } : {}) });
        seen.push(...codes(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual(Object.values(code).sort());
    }
    const first = await explore(t, { q: 'tea OR kubernetes OR bread', limit: 1 });
    expect(first.items).toHaveLength(0);
    const relevance = await explore(t, { q: 'green', limit: 1 });
    expect(relevance.items).toHaveLength(1);
    const second = await explore(t, { q: 'green', limit: 1, cursor: relevance.nextCursor! });
    expect(second.items).toHaveLength(1);
    expect(second.items[0]!.shortCode).not.toBe(relevance.items[0]!.shortCode);
    expect(second.nextCursor).toBeNull();
  });

  it.each([
    ['"', 200],
    ['NEAR(tea green)', 200],
    ['tea*', 200],
    ['title:tea', 200],
    ["tea' OR 1=1 --", 200],
    ['!!! ??? ...', 200],
    ['\\', 200],
    ['tea & !green | (black', 200],
    ['x'.repeat(200), 200],
    ['x'.repeat(201), 400],
  ])('never fails on search words %j', async (q, status) => {
    const response = await call(t.app, 'GET', `/api/v1/shared?q=${encodeURIComponent(q)}`);
    expect(response.statusCode).toBe(status);
  });

  it('treats operators as words, not syntax', async () => {
    // NEAR, *, &, |, quotes and parentheses are punctuation or plain words to the search.
    expect(codes(await explore(t, { q: 'NEAR(green tea)' }))).toEqual(codes(await explore(t, { q: 'near green tea' })));
    expect(codes(await explore(t, { q: 'tea*' }))).toEqual(codes(await explore(t, { q: 'tea' })));
    expect(codes(await explore(t, { q: '!!!' }))).toEqual([]);
  });

  it('rejects bad paging and sorting with stable codes', async () => {
    const invalid = await call(t.app, 'GET', '/api/v1/shared?cursor=not-a-cursor');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('invalid_cursor');
    const newestCursor = (await explore(t, { limit: 1 })).nextCursor!;
    const mixed = await call(t.app, 'GET', `/api/v1/shared?sort=views&cursor=${newestCursor}`);
    expect(mixed.json().error.code).toBe('invalid_cursor');
    // Well-formed JSON that would reach the database as a bad parameter (PostgreSQL refuses a
    // float for an integer column, and NUL in any text).
    const forged = (value: unknown, id = 'x') => Buffer.from(JSON.stringify([value, id])).toString('base64url');
    for (const [sortBy, cursor] of [
      ['views', forged(1.5)],
      ['views', Buffer.from('[1e400,"x"]').toString('base64url')],
      ['newest', forged('2026-06-01\u0000')],
      ['newest', forged('2026-06-01T12:00:00.000Z', 'a\u0000b')],
    ]) {
      const response = await call(t.app, 'GET', `/api/v1/shared?sort=${sortBy}&cursor=${cursor}`);
      expect(response.statusCode, cursor).toBe(400);
      expect(response.json().error.code).toBe('invalid_cursor');
    }
    const sort = await call(t.app, 'GET', '/api/v1/shared?sort=oldest');
    expect(sort.statusCode).toBe(400);
    expect(sort.json().error.code).toBe('validation_failed');
    const limit = await call(t.app, 'GET', '/api/v1/shared?limit=51');
    expect(limit.statusCode).toBe(400);
  });
});
