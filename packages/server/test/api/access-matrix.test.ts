/**
 * The access rules of docs/design.md §Access rules as a table: every combination of privacy, password, expiry,
 * view limit and revocation, read by every kind of viewer, with and without an unlock
 * cookie, on GET /api/v1/shared/:code. The expected answer comes from the rules restated
 * here, independently of the policy module.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnlockValue, unlockCookieName } from '../../src/auth/unlock-cookie.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, createConversation, createShare, signUp, verifyEmail, type TestUser } from '../helpers/api.js';

type Privacy = 'public' | 'unlisted' | 'private';
type Expiry = 'never' | 'future' | 'past';
type Views = 'unlimited' | 'under' | 'reached';
type ViewerKind = 'anonymous' | 'owner' | 'other' | 'invited-verified' | 'invited-unverified';

interface Case {
  privacy: Privacy;
  password: boolean;
  expiry: Expiry;
  views: Views;
  revoked: boolean;
}

const PRIVACIES: Privacy[] = ['public', 'unlisted', 'private'];
const EXPIRIES: Expiry[] = ['never', 'future', 'past'];
const VIEWS: Views[] = ['unlimited', 'under', 'reached'];
const VIEWERS: ViewerKind[] = ['anonymous', 'owner', 'other', 'invited-verified', 'invited-unverified'];

const cases: Case[] = PRIVACIES.flatMap((privacy) =>
  [false, true].flatMap((password) =>
    EXPIRIES.flatMap((expiry) =>
      VIEWS.flatMap((views) => [false, true].map((revoked) => ({ privacy, password, expiry, views, revoked }))),
    ),
  ),
);

/** The rules, restated: 404 revoked or hidden, owner sees all, 410 expired, 401 locked. */
function expected(c: Case, viewer: ViewerKind, unlocked: boolean): number {
  if (c.revoked) return 404;
  if (viewer === 'owner') return 200;
  if (c.privacy === 'private' && viewer !== 'invited-verified') return 404;
  if (c.expiry === 'past' || c.views === 'reached') return 410;
  if (c.password && !unlocked) return 401;
  return 200;
}

let t: TestApp;
let owner: TestUser;
const viewers = {} as Record<ViewerKind, TestUser | null>;
const codes = new Map<Case, { code: string; passwordVersion: number }>();
let unknownBody: string;

beforeAll(async () => {
  t = await buildTestApp(
    {},
    { rateLimits: { auth: { max: 1000, windowMs: 60_000 }, shareCreate: { max: 1000, windowMs: 60_000 } } },
  );
  owner = await signUp(t.app);
  viewers.anonymous = null;
  viewers.owner = owner;
  viewers.other = await signUp(t.app);
  viewers['invited-verified'] = await signUp(t.app, 'invited@example.com');
  await verifyEmail(t.app, t.mailer.sent, 'invited@example.com');
  viewers['invited-unverified'] = await signUp(t.app, 'unverified@example.com');

  const now = t.clock.now().getTime();
  for (const c of cases) {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, {
      conversationId: id,
      privacy: c.privacy,
      allowedEmails: ['INVITED@example.com', 'unverified@example.com'],
      ...(c.password ? { password: 'open sesame' } : {}),
      ...(c.expiry === 'future' ? { expiresIn: 24 } : {}),
      ...(c.views !== 'unlimited' ? { maxViews: 1000 } : {}),
    });
    // The two states that take time or traffic to reach are set directly.
    if (c.expiry === 'past') {
      await t.app.db
        .updateTable('shares')
        .set({ expires_at: new Date(now - 1000).toISOString() })
        .where('id', '=', share.settings.id)
        .execute();
    }
    if (c.views === 'reached') {
      await t.app.db.updateTable('shares').set({ view_count: 1000 }).where('id', '=', share.settings.id).execute();
    }
    if (c.revoked) await call(t.app, 'DELETE', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer });
    const row = await t.app.db
      .selectFrom('shares')
      .select('password_version')
      .where('id', '=', share.settings.id)
      .executeTakeFirstOrThrow();
    codes.set(c, { code: share.shortCode, passwordVersion: Number(row.password_version) });
  }
  unknownBody = (await call(t.app, 'GET', '/api/v1/shared/ZZZZZZZZZZZZ', { ip: '10.9.9.9' })).body;
}, 120_000);

afterAll(() => t.close());

let ipCounter = 0;
/** A fresh client address per request, so the 404 rate limit does not interfere with the table. */
const nextIp = () => `10.0.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

describe('who may read a shared conversation', () => {
  it(`gives the expected status for all ${cases.length * VIEWERS.length * 2} combinations`, async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const c of cases) {
      const { code, passwordVersion } = codes.get(c)!;
      for (const viewer of VIEWERS) {
        for (const unlocked of [false, true]) {
          const user = viewers[viewer];
          const cookies = unlocked
            ? {
                [unlockCookieName(code)]: createUnlockValue(
                  t.app.signers.shareUnlock,
                  code,
                  passwordVersion,
                  t.clock.now(),
                ),
              }
            : {};
          const response = await call(t.app, 'GET', `/api/v1/shared/${code}`, {
            ...(user ? { auth: user.bearer } : {}),
            cookies,
            ip: nextIp(),
          });
          checked++;
          const want = expected(c, viewer, unlocked);
          if (response.statusCode !== want) {
            mismatches.push(
              `${JSON.stringify(c)} ${viewer} unlocked=${unlocked}: got ${response.statusCode}, want ${want}`,
            );
          }
          // A hidden private link and a revoked one look exactly like a code that never existed.
          if (want === 404) expect(response.body).toBe(unknownBody);
          if (want === 410) expect(response.json().error.code).toBe('share_expired');
          if (want === 401) expect(response.json().error.code).toBe('password_required');
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(cases.length * VIEWERS.length * 2);
  }, 120_000);

  it('does not count the owner’s own views', async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id });
    await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, { auth: owner.bearer });
    await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, { ip: nextIp() });
    const settings = (await call(t.app, 'GET', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer })).json()
      .settings;
    expect(settings.viewCount).toBe(1);
  });
});
