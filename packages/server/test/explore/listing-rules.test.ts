/**
 * Which shares explore and search may show: public, no password, live, not taken down, not
 * expired, views left. A share that stops being any of these leaves at once, and the SQL
 * filter agrees with core's `isListed` on every combination of states.
 */
import { isListed } from '@chatshare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexAfterUpgrade, SEARCH_INDEX_MIGRATION } from '../../src/search/setup.js';
import { buildTestApp, DIALECT, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
import { codes, explore, liveStates, publish, talk, writeLiveState } from './helpers.js';

let t: TestApp;
let owner: TestUser;

beforeAll(async () => {
  const plenty = { max: 10_000, windowMs: 60_000 };
  t = await buildTestApp({}, { rateLimits: { explore: plenty, shareCreate: plenty } });
  owner = await signUp(t.app);
});
afterAll(() => t.close());

/** Whether a share is found both in the listing and by a search for its unique word. */
async function findable(shortCode: string, word: string) {
  const listed = codes(await explore(t, { limit: 50 })).includes(shortCode);
  const searched = codes(await explore(t, { q: word })).includes(shortCode);
  expect(searched).toBe(listed);
  return listed;
}

let counter = 0;
async function publicShare(settings: Record<string, unknown> = {}) {
  const word = `zebra${String.fromCharCode(97 + (counter % 26))}${String.fromCharCode(97 + Math.floor(counter / 26))}x`;
  counter += 1;
  const share = await publish(t, owner, talk(`About ${word}`, `Tell me about ${word}`), settings);
  return { ...share, word };
}

const patch = (id: string, body: Record<string, unknown>) =>
  call(t.app, 'PATCH', `/api/v1/shares/${id}`, { auth: owner.bearer, body });

describe(`what explore lists (${DIALECT})`, () => {
  it('never lists unlisted, private or password shares', async () => {
    for (const settings of [
      { privacy: 'unlisted' },
      { privacy: 'private', allowedEmails: ['friend@example.com'] },
      { password: 'open sesame' },
    ]) {
      const share = await publicShare(settings);
      expect(await findable(share.shortCode, share.word)).toBe(false);
      expect(await t.app.repos.explore.has(share.settings.id)).toBe(false);
    }
  });

  it('drops a share at once when it is revoked', async () => {
    const share = await publicShare();
    expect(await findable(share.shortCode, share.word)).toBe(true);
    expect(
      (await call(t.app, 'DELETE', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer })).statusCode,
    ).toBe(200);
    expect(await findable(share.shortCode, share.word)).toBe(false);
    expect(await t.app.repos.explore.has(share.settings.id)).toBe(false);
  });

  it('drops a share made unlisted or given a password, and lists it again when made public', async () => {
    const share = await publicShare();
    expect((await patch(share.settings.id, { privacy: 'unlisted' })).statusCode).toBe(200);
    expect(await findable(share.shortCode, share.word)).toBe(false);
    expect((await patch(share.settings.id, { privacy: 'public' })).statusCode).toBe(200);
    expect(await findable(share.shortCode, share.word)).toBe(true);
    expect((await patch(share.settings.id, { password: 'hunter22' })).statusCode).toBe(200);
    expect(await findable(share.shortCode, share.word)).toBe(false);
    expect((await patch(share.settings.id, { password: null })).statusCode).toBe(200);
    expect(await findable(share.shortCode, share.word)).toBe(true);
  });

  it('drops a share the moment it expires, with nothing written', async () => {
    const share = await publicShare({ expiresIn: 1 });
    expect(await findable(share.shortCode, share.word)).toBe(true);
    t.clock.advance(3600_000);
    expect(await findable(share.shortCode, share.word)).toBe(false);
  });

  it('never lists a view-limited link, before or after its views are used', async () => {
    const share = await publicShare({ maxViews: 1 });
    // Its title and text stay behind the reveal step; a listing would show them.
    expect(await findable(share.shortCode, share.word)).toBe(false);
    const view = await call(t.app, 'POST', `/s/${share.shortCode}/reveal`, {
      headers: { 'user-agent': 'Mozilla/5.0 Firefox/120.0', 'sec-fetch-site': 'same-origin' },
    });
    expect(view.statusCode).toBe(200);
    expect(await findable(share.shortCode, share.word)).toBe(false);
  });

  it('drops a share an admin took down, even before its index entry is touched', async () => {
    const share = await publicShare();
    await t.app.db
      .updateTable('shares')
      .set({ taken_down_at: t.clock.now().toISOString(), takedown_reason: 'spam' })
      .where('id', '=', share.settings.id)
      .execute();
    expect(await findable(share.shortCode, share.word)).toBe(false);
    await t.app.searchIndex.sync(share.settings.id);
    expect(await t.app.repos.explore.has(share.settings.id)).toBe(false);
  });

  it('drops a share taken down through the admin API, and lists it again when restored', async () => {
    // The first account of the instance is its admin.
    const share = await publicShare();
    const takedown = `/api/v1/admin/shares/${share.settings.id}/takedown`;
    const down = await call(t.app, 'POST', takedown, { auth: owner.bearer, body: { reason: 'Spam' } });
    expect(down.statusCode).toBe(200);
    expect(await findable(share.shortCode, share.word)).toBe(false);
    expect(await t.app.repos.explore.has(share.settings.id)).toBe(false);
    expect((await call(t.app, 'DELETE', takedown, { auth: owner.bearer })).statusCode).toBe(200);
    expect(await findable(share.shortCode, share.word)).toBe(true);
  });

  it('forgets the text of a deleted conversation and of a whole account’s revoked links', async () => {
    const share = await publicShare();
    const conversationId = (await t.app.repos.shares.findById(share.settings.id))!.conversationId!;
    await call(t.app, 'DELETE', `/api/v1/conversations/${conversationId}`, { auth: owner.bearer });
    expect(await findable(share.shortCode, share.word)).toBe(false);
    expect(await t.app.repos.explore.has(share.settings.id)).toBe(false);

    const other = await signUp(t.app);
    const theirs = await publish(t, other, talk('Quokka facts', 'Tell me about quokkas'));
    expect(codes(await explore(t, { q: 'quokka' }))).toEqual([theirs.shortCode]);
    await call(t.app, 'DELETE', '/api/v1/shares', { auth: other.bearer });
    expect(codes(await explore(t, { q: 'quokka' }))).toEqual([]);
    expect(await t.app.repos.explore.has(theirs.settings.id)).toBe(false);
  });

  it('follows a refreshed snapshot and a new title', async () => {
    const share = await publicShare();
    expect((await patch(share.settings.id, { title: 'Wombat burrows' })).statusCode).toBe(200);
    expect(codes(await explore(t, { q: 'wombat' }))).toEqual([share.shortCode]);
  });

  it('indexes public shares made before the index existed, once, when its migration runs', async () => {
    const share = await publicShare();
    await t.app.db.deleteFrom('share_search').where('share_id', '=', share.settings.id).execute();
    expect(await findable(share.shortCode, share.word)).toBe(false);
    // Later starts (no migration applied) do not scan the shares.
    expect(await indexAfterUpgrade(t.app.searchIndex, ['0003_share_redact'])).toBe(0);
    expect(await findable(share.shortCode, share.word)).toBe(false);
    expect(await indexAfterUpgrade(t.app.searchIndex, [SEARCH_INDEX_MIGRATION])).toBe(1);
    expect(await findable(share.shortCode, share.word)).toBe(true);
    expect(await t.app.searchIndex.indexMissing()).toBe(0);
  });

  it('agrees with core isListed on every combination of live states', async () => {
    const cases = liveStates(t.clock.now(), { indexing: false });
    // All start public and indexed, then their state is written straight to the table (no sync),
    // so only the search's own filter stands between them and the listing.
    const shares = [];
    for (const state of cases) shares.push({ state, share: await publicShare() });
    for (const { state, share } of shares) await writeLiveState(t, share.settings.id, state);
    const listed = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = await explore(t, { limit: 50, ...(cursor ? { cursor } : {}) });
      for (const code of codes(page)) listed.add(code);
      cursor = page.nextCursor;
    } while (cursor);
    let expectedListed = 0;
    for (const { share } of shares) {
      const record = (await t.app.repos.shares.findById(share.settings.id))!;
      const expected = isListed(record, t.clock.now());
      if (expected) expectedListed += 1;
      expect({ state: record, listed: listed.has(share.shortCode) }).toEqual({ state: record, listed: expected });
    }
    // Public, no password, not expired, no view limit, live: never expiring or expiring later.
    expect(expectedListed).toBe(2);
    expect(cases).toHaveLength(216);
  });
});
