/** GET /api/v1/shares/:id/views: the owner's views per day, from both ways views are counted. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, DIALECT, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
import { getPage, shareOf } from '../pages/helpers.js';
import { revealPage } from '../pages/reveal-helpers.js';

let t: TestApp;
let owner: TestUser;
let stranger: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await signUp(t.app);
  stranger = await signUp(t.app);
});
afterAll(() => t.close());

type Day = { day: string; views: number };

async function viewsOf(shareId: string, query = '', user = owner): Promise<Day[]> {
  const response = await call(t.app, 'GET', `/api/v1/shares/${shareId}/views${query}`, { auth: user.bearer });
  expect(response.statusCode).toBe(200);
  return response.json() as Day[];
}

const nonZero = (days: Day[]) => days.filter((day) => day.views > 0);

async function storedDays(shareId: string): Promise<Day[]> {
  const rows = await t.app.db
    .selectFrom('share_daily_views')
    .select(['day', 'views'])
    .where('share_id', '=', shareId)
    .orderBy('day')
    .execute();
  return rows.map((row) => ({ day: row.day, views: Number(row.views) }));
}

describe(`views per day (${DIALECT})`, () => {
  it('lists every day of the window ending today, oldest first, with zeros for quiet days', async () => {
    t.clock.set('2026-06-10T12:00:00.000Z');
    const share = await shareOf(t, owner);
    const days = await viewsOf(share.settings.id);
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ day: '2026-05-12', views: 0 });
    expect(days.at(-1)).toEqual({ day: '2026-06-10', views: 0 });
    expect(await viewsOf(share.settings.id, '?days=1')).toEqual([{ day: '2026-06-10', views: 0 }]);
  });

  it('shows buffered views at once and the same numbers after they are written, each on its own day', async () => {
    t.clock.set('2026-06-10T23:59:00.000Z');
    const share = await shareOf(t, owner);
    for (let i = 0; i < 3; i++) await getPage(t, share.shortCode);
    t.clock.set('2026-06-11T00:01:00.000Z');
    for (let i = 0; i < 2; i++) await getPage(t, share.shortCode);
    const expected = [
      { day: '2026-06-10', views: 3 },
      { day: '2026-06-11', views: 2 },
    ];
    expect(nonZero(await viewsOf(share.settings.id, '?days=7'))).toEqual(expected);
    expect(await storedDays(share.settings.id)).toEqual([]);

    await t.app.repos.shares.flushViews();
    expect(await storedDays(share.settings.id)).toEqual(expected);
    expect(nonZero(await viewsOf(share.settings.id, '?days=7'))).toEqual(expected);

    // A later batch adds to the day's row rather than replacing it.
    await getPage(t, share.shortCode);
    await t.app.repos.shares.flushViews();
    expect(await storedDays(share.settings.id)).toEqual([expected[0], { day: '2026-06-11', views: 3 }]);
  });

  it('writes a view-limited link day by day at once, with its count', async () => {
    t.clock.set('2026-06-12T08:00:00.000Z');
    const share = await shareOf(t, owner, { maxViews: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await revealPage(t, share.shortCode)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 410, 410]);
    expect(await storedDays(share.settings.id)).toEqual([{ day: '2026-06-12', views: 3 }]);
  });

  it('keeps a failed batch whole: retried, never counted twice', async () => {
    t.clock.set('2026-06-13T08:00:00.000Z');
    const share = await shareOf(t, owner);
    await t.app.repos.shares.flushViews();
    for (let i = 0; i < 4; i++) await getPage(t, share.shortCode);
    await sql`alter table share_daily_views rename to share_daily_views_away`.execute(t.app.db);
    try {
      await expect(t.app.repos.shares.flushViews()).rejects.toThrow();
    } finally {
      await sql`alter table share_daily_views_away rename to share_daily_views`.execute(t.app.db);
    }
    // The total was rolled back with the day's row, so the retry writes both once.
    const stored = await t.app.db
      .selectFrom('shares')
      .select('view_count')
      .where('id', '=', share.settings.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.view_count)).toBe(0);
    await t.app.repos.shares.flushViews();
    expect(await storedDays(share.settings.id)).toEqual([{ day: '2026-06-13', views: 4 }]);
  });

  it('keeps the history of a revoked link for its owner', async () => {
    t.clock.set('2026-06-14T08:00:00.000Z');
    const share = await shareOf(t, owner);
    await getPage(t, share.shortCode);
    await call(t.app, 'DELETE', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer });
    expect(nonZero(await viewsOf(share.settings.id, '?days=2'))).toEqual([{ day: '2026-06-14', views: 1 }]);
  });

  it("is the owner's only: another user gets 404, nobody signed in 401, a bad window 400", async () => {
    const share = await shareOf(t, owner);
    const path = `/api/v1/shares/${share.settings.id}/views`;
    const byStranger = await call(t.app, 'GET', path, { auth: stranger.bearer });
    expect(byStranger.statusCode).toBe(404);
    expect(byStranger.json().error.code).toBe('share_not_found');
    expect((await call(t.app, 'GET', '/api/v1/shares/unknown/views', { auth: owner.bearer })).statusCode).toBe(404);
    expect((await call(t.app, 'GET', path)).statusCode).toBe(401);
    for (const days of ['0', '366', '1.5', 'many']) {
      const response = await call(t.app, 'GET', `${path}?days=${days}`, { auth: owner.bearer });
      expect(response.statusCode).toBe(400);
    }
    expect(await viewsOf(share.settings.id, '?days=365')).toHaveLength(365);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await call(t.app, 'GET', '/api/docs/json')).json();
    const route = doc.paths['/api/v1/shares/{id}/views'].get;
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404']));
    expect(route.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['id', 'days']),
    );
  });
});
