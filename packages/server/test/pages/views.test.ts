import { rm } from 'node:fs/promises';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { buildTestApp, DIALECT, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
import { BROWSER, getPage, shareOf, storedViews } from './helpers.js';
import { revealPage } from './reveal-helpers.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await signUp(t.app);
});
afterAll(() => t.close());

const ownerViews = async (shareId: string) =>
  (await call(t.app, 'GET', `/api/v1/shares/${shareId}`, { auth: owner.bearer })).json().settings.viewCount as number;

describe(`view counts (${DIALECT})`, () => {
  it('are exact: 1,000 concurrent page views end as view_count 1,000, with flushes racing them', async () => {
    const share = await shareOf(t, owner);
    const requests: Promise<LightMyRequestResponse>[] = [];
    const flushes: Promise<void>[] = [];
    for (let i = 0; i < 1000; i++) {
      requests.push(getPage(t, share.shortCode));
      // Flushes start while views are still arriving: each view must land in exactly one.
      if (i % 100 === 50) flushes.push(t.app.repos.shares.flushViews());
    }
    const responses = await Promise.all(requests);
    await Promise.all(flushes);
    // Counted by status, so a failure says what the requests got (and the first odd answer).
    const statuses: Record<number, number> = {};
    for (const { statusCode } of responses) statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    const odd = responses.find((response) => response.statusCode !== 200);
    expect(statuses, odd && `first non-200: ${odd.statusCode} ${odd.body.slice(0, 300)}`).toEqual({ 200: 1000 });
    await t.app.repos.shares.flushViews();
    expect(await storedViews(t, share.settings.id)).toBe(1000);
    expect(t.app.repos.shares.pendingViews).toBe(0);
  });

  it('are buffered, not written per view, and the owner sees them at once', async () => {
    const share = await shareOf(t, owner);
    for (let i = 0; i < 3; i++) await getPage(t, share.shortCode);
    expect(await storedViews(t, share.settings.id)).toBe(0);
    expect(await ownerViews(share.settings.id)).toBe(3);
    await t.app.repos.shares.flushViews();
    expect(await storedViews(t, share.settings.id)).toBe(3);
    expect(await ownerViews(share.settings.id)).toBe(3);
  });

  it('leave out the owner, bots, scripts, prefetches, HEAD, 304s and the Markdown', async () => {
    const share = await shareOf(t, owner);
    const etag = (await getPage(t, share.shortCode)).headers.etag as string;
    await getPage(t, share.shortCode, { auth: owner.session });
    for (const agent of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
      'facebookexternalhit/1.1',
      'Twitterbot/1.0',
      'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
      'WhatsApp/2.23.20.0',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36',
      'curl/8.5.0',
      'python-requests/2.32',
      '',
    ]) {
      expect((await getPage(t, share.shortCode, { headers: { 'user-agent': agent } })).statusCode).toBe(200);
    }
    await getPage(t, share.shortCode, { headers: { 'sec-purpose': 'prefetch' } });
    await t.app.inject({ method: 'HEAD', url: `/s/${share.shortCode}`, headers: { 'user-agent': BROWSER } });
    expect((await getPage(t, share.shortCode, { headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    expect((await getPage(t, `/s/${share.shortCode}.md`)).statusCode).toBe(200);
    expect(await ownerViews(share.settings.id)).toBe(1);
  });

  it('count JSON reads too, buffered like the page', async () => {
    const share = await shareOf(t, owner);
    await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, { headers: { 'user-agent': BROWSER } });
    await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, { headers: { 'user-agent': 'Googlebot/2.1' } });
    await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, { auth: owner.bearer });
    expect(await storedViews(t, share.settings.id)).toBe(0);
    expect(await ownerViews(share.settings.id)).toBe(1);
  });

  it('hold a view limit exactly: written at once, bots included, concurrent views never exceed it', async () => {
    const share = await shareOf(t, owner, { maxViews: 5 });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        revealPage(t, share.shortCode, i === 0 ? { headers: { 'user-agent': 'Googlebot/2.1' } } : {}),
      ),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 410)).toHaveLength(15);
    expect(await storedViews(t, share.settings.id)).toBe(5);
  });

  it('survive a failed write and are written by the next flush', async () => {
    const share = await shareOf(t, owner);
    await t.app.repos.shares.flushViews();
    for (let i = 0; i < 4; i++) await getPage(t, share.shortCode);
    await sql`alter table shares rename to shares_away`.execute(t.app.db);
    try {
      await expect(t.app.repos.shares.flushViews()).rejects.toThrow();
    } finally {
      await sql`alter table shares_away rename to shares`.execute(t.app.db);
    }
    expect(t.app.repos.shares.pendingViews).toBe(4);
    await t.app.repos.shares.flushViews();
    expect(await storedViews(t, share.settings.id)).toBe(4);
  });
});

describe('closing the app', () => {
  it('writes the views still in memory', async () => {
    const own = await buildTestApp();
    const user = await signUp(own.app);
    const share = await shareOf(own, user);
    for (let i = 0; i < 7; i++) await getPage(own, share.shortCode);
    expect(await storedViews(own, share.settings.id)).toBe(0);
    await own.app.close();
    // The same database again, in a fresh app.
    const reopened = await buildApp({ config: own.config, logger: false });
    try {
      const row = await reopened.db
        .selectFrom('shares')
        .select('view_count')
        .where('id', '=', share.settings.id)
        .executeTakeFirstOrThrow();
      expect(Number(row.view_count)).toBe(7);
    } finally {
      if (own.config.databaseSchema) {
        await sql.raw(`drop schema if exists "${own.config.databaseSchema}" cascade`).execute(reopened.db);
      }
      await reopened.close();
      await rm(own.config.dataDir, { recursive: true, force: true });
    }
  });
});
