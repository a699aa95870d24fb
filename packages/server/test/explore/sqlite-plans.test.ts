/**
 * SQLite answers a search with different plans depending on how many shares match (see
 * sqlite-search.ts). With the thresholds set to zero, every plan must give exactly what the
 * default plans give, including when the best matches are not listable. Always on SQLite,
 * whichever database the rest of the suite uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExploreRepository, type ExploreQuery } from '../../src/search/explore-repository.js';
import { sqliteSearch } from '../../src/search/sqlite-search.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
import { publish, talk } from './helpers.js';

let t: TestApp;
let owner: TestUser;
const shareIds: string[] = [];

beforeAll(async () => {
  const plenty = { max: 10_000, windowMs: 60_000 };
  t = await buildTestApp(
    { databaseUrl: null, databaseSchema: null, redisUrl: null },
    { rateLimits: { explore: plenty, shareCreate: plenty } },
  );
  owner = await signUp(t.app);
  for (let index = 0; index < 30; index++) {
    t.clock.advance(1000);
    // "otter" once or many times, so the matches rank differently.
    const text = `${'otter '.repeat(1 + (index % 7))} river number ${index}`;
    const share = await publish(t, owner, talk(index % 5 === 0 ? 'Otter notes' : `Notes ${index}`, text));
    shareIds.push(share.settings.id);
    for (let view = 0; view < index % 4; view++) {
      await call(t.app, 'GET', `/s/${share.shortCode}`, { headers: { 'user-agent': 'Mozilla/5.0 Firefox/120.0' } });
    }
  }
  await t.app.repos.shares.flushViews();
});
afterAll(() => t.close());

async function everyPage(repository: ExploreRepository, query: Omit<ExploreQuery, 'limit'>) {
  const codes: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await repository.search({ ...query, limit: 4, ...(cursor ? { cursor } : {}) });
    codes.push(...page.hits.map((hit) => hit.code));
    cursor = page.nextCursor;
  } while (cursor);
  return codes;
}

describe('SQLite search plans', () => {
  const eager = () =>
    new ExploreRepository(t.app.db, sqliteSearch(t.app.db, { candidates: () => 1, fewMatches: 0 }), t.app.now);

  it.each(['relevance', 'newest', 'views'] as const)('gives the same %s pages with every plan', async (sort) => {
    const expected = await everyPage(t.app.repos.explore, { q: 'otter', sort });
    expect(expected).toHaveLength(30);
    expect(await everyPage(eager(), { q: 'otter', sort })).toEqual(expected);
  });

  it('skips no listed share when the best matches are not listable', async () => {
    const best = (await t.app.repos.explore.search({ q: 'otter', limit: 10 })).hits.slice(0, 6);
    await t.app.db
      .updateTable('shares')
      .set({ privacy: 'unlisted' })
      .where(
        'id',
        'in',
        best.map((hit) => hit.shareId),
      )
      .execute();
    for (const sort of ['relevance', 'newest', 'views'] as const) {
      const codes = await everyPage(eager(), { q: 'otter', sort });
      expect(codes).toHaveLength(24);
      expect(codes).toEqual(await everyPage(t.app.repos.explore, { q: 'otter', sort }));
      expect(codes.some((code) => best.some((hit) => hit.code === code))).toBe(false);
    }
  });
});
