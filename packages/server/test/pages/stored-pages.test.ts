/**
 * Pre-rendered pages in the store (`share_pages`): drawn when a link is made or changed,
 * served from there by any instance, replaced on refresh, and gone with the link.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, DIALECT, type TestApp } from '../helpers/app.js';
import { buildConversation, call, createConversation, createShare, signUp, type TestUser } from '../helpers/api.js';
import { takeDown } from '../helpers/moderation.js';
import { getPage } from './helpers.js';
import { markedShare } from './live-state-helpers.js';
import { buildTwoInstances, type TwoInstances } from './two-instances.js';

let t: TestApp;
let admin: TestUser;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  // The instance's first account is its admin.
  admin = await signUp(t.app);
  owner = await signUp(t.app);
});
afterAll(() => t.close());

/** A link of a conversation whose text is unique to this test (live-state-helpers.ts). */
async function markedLink(settings: Record<string, unknown> = {}) {
  const { share, marker, code, id } = await markedShare(t, owner, settings);
  return { marker, code, id, conversationId: share.settings.conversationId as string };
}

const storedVariants = async (app: TestApp['app'], shareId: string) =>
  (
    await app.db
      .selectFrom('share_pages')
      .select(['variant', 'render_key', 'identity'])
      .where('share_id', '=', shareId)
      .orderBy('variant')
      .execute()
  ).map((row) => ({ variant: row.variant, renderKey: row.render_key, html: Buffer.from(row.identity).toString() }));

/** Replaces the share's stored snapshot behind the app's back: a page drawn now would show this. */
async function overwriteSnapshot(app: TestApp['app'], shareId: string, text: string) {
  const snapshot = {
    format: 1,
    title: text,
    models: [],
    messages: [{ id: 'x', role: 'user', parts: [{ type: 'text', text }] }],
  };
  await app.db
    .updateTable('shares')
    .set({ snapshot: JSON.stringify(snapshot) })
    .where('id', '=', shareId)
    .execute();
}

describe(`stored pages (${DIALECT})`, () => {
  it('are drawn when the link is made, in every language, before anyone opens it', async () => {
    const link = await markedLink();
    const stored = await storedVariants(t.app, link.id);
    expect(stored.map((row) => row.variant)).toEqual(['page:de', 'page:en']);
    expect(new Set(stored.map((row) => row.renderKey)).size).toBe(1);
    for (const row of stored) expect(row.html).toContain(`Answer ${link.marker}`);
    expect(stored[0]!.html).toContain('lang="de"');
  });

  it('serve the first view on another instance without drawing it again', async () => {
    const two: TwoInstances = await buildTwoInstances({});
    try {
      const otherOwner = await signUp(two.a.app);
      const { id } = await createConversation(two.a.app, otherOwner, buildConversation({ title: 'Seen on B' }));
      const share = await createShare(two.a.app, otherOwner, { conversationId: id });
      // Were B to draw the page, it would show this instead of the shared conversation.
      await overwriteSnapshot(two.b.app, share.settings.id, 'DRAWN-ON-B');
      const first = await getPage(two.b, share.shortCode);
      expect(first.statusCode).toBe(200);
      expect(first.body).toContain('Seen on B');
      expect(first.body).not.toContain('DRAWN-ON-B');
      // The same bytes, and so the same ETag, as the instance that drew it.
      expect(first.headers.etag).toBe((await getPage(two.a, share.shortCode)).headers.etag);
    } finally {
      await two.close();
    }
  });

  it('are drawn on first request for other variants (the owner’s page, the embed), then stored', async () => {
    const link = await markedLink({ allowEmbed: true });
    expect((await getPage(t, link.code, { auth: owner.session })).statusCode).toBe(200);
    expect((await getPage(t, `/embed/${link.code}`)).statusCode).toBe(200);
    expect((await storedVariants(t.app, link.id)).map((row) => row.variant)).toEqual([
      'embed:en',
      'page:de',
      'page:en',
      'page:en:owner',
    ]);
  });

  it('are replaced when the link changes: one version is kept, and it is the new one', async () => {
    const link = await markedLink({ allowEmbed: true });
    await getPage(t, `/embed/${link.code}`);
    const before = await storedVariants(t.app, link.id);
    await call(t.app, 'POST', `/api/v1/conversations/${link.conversationId}/messages`, {
      auth: owner.bearer,
      body: { messages: [{ role: 'user', content: 'ADDED-LATER' }] },
    }).then((response) => expect(response.statusCode).toBeLessThan(300));
    const refreshed = await call(t.app, 'PATCH', `/api/v1/shares/${link.id}`, {
      auth: owner.bearer,
      body: { refresh: true },
    });
    expect(refreshed.statusCode).toBe(200);
    const after = await storedVariants(t.app, link.id);
    // The embed of the old version is gone; the reader's pages are the new version's.
    expect(after.map((row) => row.variant)).toEqual(['page:de', 'page:en']);
    expect(after[0]!.renderKey).not.toBe(before[0]!.renderKey);
    for (const row of after) expect(row.html).toContain('ADDED-LATER');
    expect((await getPage(t, link.code)).body).toContain('ADDED-LATER');
  });

  it('are redrawn when a setting shown on the page changes, without a new snapshot', async () => {
    const link = await markedLink();
    const response = await call(t.app, 'PATCH', `/api/v1/shares/${link.id}`, {
      auth: owner.bearer,
      body: { title: 'A title of its own' },
    });
    expect(response.statusCode).toBe(200);
    const stored = await storedVariants(t.app, link.id);
    for (const row of stored) expect(row.html).toContain('A title of its own');
  });

  it('go when the link is revoked, taken down, or its conversation deleted', async () => {
    const revoked = await markedLink();
    expect((await call(t.app, 'DELETE', `/api/v1/shares/${revoked.id}`, { auth: owner.bearer })).statusCode).toBe(200);
    expect(await storedVariants(t.app, revoked.id)).toEqual([]);

    const takenDown = await markedLink();
    await takeDown(t.app, admin, takenDown.id);
    expect(await storedVariants(t.app, takenDown.id)).toEqual([]);

    const deleted = await markedLink();
    const gone = await call(t.app, 'DELETE', `/api/v1/conversations/${deleted.conversationId}`, { auth: owner.bearer });
    expect(gone.statusCode).toBe(204);
    expect(await storedVariants(t.app, deleted.id)).toEqual([]);
    // Nothing of any of them is left in the store.
    const leftover = await t.app.db
      .selectFrom('share_pages')
      .select(sql<number>`count(*)`.as('n'))
      .where('share_id', 'in', [revoked.id, takenDown.id, deleted.id])
      .executeTakeFirstOrThrow();
    expect(Number(leftover.n)).toBe(0);
  });

  it('are swept once the link expires or runs out of views, and when nobody opened them for long', async () => {
    const expiring = await markedLink({ expiresIn: 1 });
    const limited = await markedLink({ maxViews: 1 });
    const idle = await markedLink();
    const kept = await markedLink();
    expect(await t.app.repos.sharePages.sweep(t.clock.now(), new Date(t.clock.now().getTime() - 1000))).toBe(0);

    await call(t.app, 'POST', `/s/${limited.code}/reveal`, { headers: { origin: 'http://localhost:3000' } });
    t.clock.advance(2 * 3_600_000);
    await getPage(t, kept.code);
    await t.app.repos.shares.flushViews();
    // Idle: not viewed since an hour ago, and drawn before that.
    const swept = await t.app.repos.sharePages.sweep(t.clock.now(), new Date(t.clock.now().getTime() - 3_600_000));
    expect(swept).toBeGreaterThanOrEqual(6);
    for (const link of [expiring, limited, idle]) expect(await storedVariants(t.app, link.id)).toEqual([]);
    expect((await storedVariants(t.app, kept.id)).length).toBe(2);
    // A swept page is simply drawn again on its next view (here it is still in memory).
    expect((await getPage(t, idle.code)).body).toContain(`Answer ${idle.marker}`);
  });
});
