/**
 * Which shares the sitemap lists: exactly those core's `isIndexable` allows. The SQL filter
 * agrees with it on every combination of live states, and each page re-checks its rows.
 */
import { isIndexable } from '@chatshare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, DIALECT, type TestApp } from '../helpers/app.js';
import { signUp, type TestUser } from '../helpers/api.js';
import { liveStates, publish, talk, writeLiveState } from './helpers.js';

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
    const cases = liveStates(t.clock.now(), { indexing: true });
    // All start public and indexed, then their state is written straight to the table (no sync),
    // so only the sitemap's own filter stands between them and the listing.
    const shares = [];
    for (const [index, state] of cases.entries()) {
      shares.push({ state, share: await publish(t, owner, talk(`Sitemap ${index}`, `Case ${index}`)) });
    }
    for (const { state, share } of shares) await writeLiveState(t, share.settings.id, state);
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
