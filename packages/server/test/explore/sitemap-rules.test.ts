/**
 * Which shares the sitemap lists: exactly those core's `isIndexable` allows. The SQL filter
 * agrees with it on every combination of live states, and each page re-checks its rows.
 */
import { isIndexable } from '@chatshare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, DIALECT, type TestApp } from '../helpers/app.js';
import { signUp, type TestUser } from '../helpers/api.js';
import { publish, talk } from './helpers.js';

let t: TestApp;
let owner: TestUser;

beforeAll(async () => {
  const plenty = { max: 10_000, windowMs: 60_000 };
  t = await buildTestApp({}, { rateLimits: { explore: plenty, shareCreate: plenty } });
  owner = await signUp(t.app);
});
afterAll(() => t.close());

describe(`what the sitemap lists (${DIALECT})`, () => {
  it('agrees with core isIndexable on every combination of live states', async () => {
    const now = t.clock.now();
    const past = new Date(now.getTime() - 1000).toISOString();
    const future = new Date(now.getTime() + 3600_000).toISOString();
    const cases = [];
    for (const privacy of ['public', 'unlisted', 'private'])
      for (const password of [null, 'scrypt$x'])
        for (const expires of [null, past, future])
          for (const limit of [null, 'used', 'left'] as const)
            for (const revoked of [null, past])
              for (const takenDown of [null, past])
                for (const indexing of [0, 1])
                  cases.push({ privacy, password, expires, limit, revoked, takenDown, indexing });
    // All start public and indexed, then their state is written straight to the table (no sync),
    // so only the sitemap's own filter stands between them and the listing.
    const shares = [];
    for (const [index, state] of cases.entries()) {
      shares.push({ state, share: await publish(t, owner, talk(`Sitemap ${index}`, `Case ${index}`)) });
    }
    for (const { state, share } of shares) {
      await t.app.db
        .updateTable('shares')
        .set({
          privacy: state.privacy,
          password_hash: state.password,
          expires_at: state.expires,
          max_views: state.limit === null ? null : 5,
          view_count: state.limit === 'used' ? 5 : 1,
          revoked_at: state.revoked,
          taken_down_at: state.takenDown,
          allow_indexing: state.indexing,
        })
        .where('id', '=', share.settings.id)
        .execute();
    }
    const listed = new Set((await t.app.repos.explore.sitemap(1)).map((entry) => entry.code));
    let expectedListed = 0;
    for (const { share } of shares) {
      const record = (await t.app.repos.shares.findById(share.settings.id))!;
      const expected = isIndexable(record, t.clock.now());
      if (expected) expectedListed += 1;
      expect({ state: record, listed: listed.has(share.shortCode) }).toEqual({ state: record, listed: expected });
    }
    expect(listed.size).toBe(expectedListed);
    expect(await t.app.repos.explore.sitemapCount()).toBe(expectedListed);
    // Public, no password, not expired, no view limit, live, indexing allowed.
    expect(expectedListed).toBe(2);
    expect(cases).toHaveLength(432);
  });
});
