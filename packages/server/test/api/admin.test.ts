import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, createConversation, createShare, signUp, verifyEmail, type TestUser } from '../helpers/api.js';
import { listReports, report, takeDown } from '../helpers/moderation.js';

const isAdmin = async (t: TestApp, user: TestUser) =>
  (await call(t.app, 'GET', '/api/v1/me', { auth: user.bearer })).json().user.isAdmin as boolean;

describe('who is an instance admin', () => {
  it('is the first account when ADMIN_EMAILS is not set', async () => {
    const t = await buildTestApp();
    try {
      const first = await signUp(t.app);
      const second = await signUp(t.app);
      expect(await isAdmin(t, first)).toBe(true);
      expect(await isAdmin(t, second)).toBe(false);
      const signup = await call(t.app, 'POST', '/api/v1/auth/signup', {
        body: { email: 'third@example.com', password: 'correct horse battery' },
      });
      expect(signup.json().user.isAdmin).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('is exactly one account when the first sign-ups arrive at once', async () => {
    const t = await buildTestApp();
    try {
      const users = await Promise.all(Array.from({ length: 8 }, () => signUp(t.app)));
      const admins = [];
      for (const user of users) if (await isAdmin(t, user)) admins.push(user.id);
      expect(admins).toHaveLength(1);
      const marked = await t.app.db.selectFrom('users').select('id').where('first_account', '=', 1).execute();
      expect(marked.map((row) => row.id)).toEqual(admins);
    } finally {
      await t.close();
    }
  });

  it('is exactly the users who verified an email in ADMIN_EMAILS when it is set', async () => {
    const t = await buildTestApp({ adminEmails: ['boss@example.com'] });
    try {
      const first = await signUp(t.app);
      const boss = await signUp(t.app, 'Boss@Example.com');
      expect(await isAdmin(t, first)).toBe(false);
      // Anyone can sign up with an address; only the link in the mail proves it is theirs.
      expect(await isAdmin(t, boss)).toBe(false);
      expect((await call(t.app, 'GET', '/api/v1/admin/reports', { auth: boss.bearer })).statusCode).toBe(403);
      await verifyEmail(t.app, t.mailer.sent, 'boss@example.com');
      expect(await isAdmin(t, boss)).toBe(true);
      expect((await call(t.app, 'GET', '/api/v1/admin/reports', { auth: boss.bearer })).statusCode).toBe(200);
      expect((await call(t.app, 'GET', '/api/v1/admin/reports', { auth: first.bearer })).statusCode).toBe(403);
    } finally {
      await t.close();
    }
  });
});

describe('the admin API', () => {
  let t: TestApp;
  let admin: TestUser;
  let owner: TestUser;
  let other: TestUser;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await signUp(t.app);
    owner = await signUp(t.app);
    other = await signUp(t.app);
  });
  afterAll(() => t.close());

  let address = 0;
  const ip = () => `10.8.0.${++address}`;

  async function reportedShare(reasons: string[] = ['spam']) {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id, privacy: 'public' });
    for (const reason of reasons) {
      expect((await report(t.app, share.shortCode, { reason }, { ip: ip() })).statusCode).toBe(201);
      t.clock.advance(1000);
    }
    return share;
  }

  it('is 401 signed out and 403 forbidden for anyone but an admin, on every route', async () => {
    const share = await reportedShare();
    const routes = [
      ['GET', '/api/v1/admin/reports', undefined],
      ['POST', '/api/v1/admin/reports/x/dismiss', undefined],
      ['POST', `/api/v1/admin/shares/${share.settings.id}/takedown`, { reason: 'no' }],
      ['DELETE', `/api/v1/admin/shares/${share.settings.id}/takedown`, undefined],
    ] as const;
    for (const [method, url, body] of routes) {
      const signedOut = await call(t.app, method, url, { body });
      expect(signedOut.statusCode, `${method} ${url}`).toBe(401);
      const forbidden = await call(t.app, method, url, { auth: other.bearer, body });
      expect(forbidden.statusCode, `${method} ${url}`).toBe(403);
      expect(forbidden.json().error.code).toBe('forbidden');
    }
    const stillUp = await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`);
    expect(stillUp.statusCode).toBe(200);
  });

  it('lists open reports newest first, with the link, its owner and its report counts, page by page', async () => {
    const share = await reportedShare(['spam', 'violence', 'other']);
    const first = await listReports(t.app, admin, '?limit=2');
    expect(first.items.map((item) => item.reason)).toEqual(['other', 'violence']);
    expect(first.items[0]!.share).toMatchObject({
      id: share.settings.id,
      code: share.shortCode,
      url: share.shareUrl,
      ownerEmail: owner.email,
      reportCount: 3,
      openReportCount: 3,
      takenDown: null,
    });
    const second = await listReports(t.app, admin, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items[0]!.reason).toBe('spam');
    expect(second.items.map((item) => item.id)).not.toContain(first.items[0]!.id);
    const bad = await call(t.app, 'GET', '/api/v1/admin/reports?status=closed', { auth: admin.bearer });
    expect(bad.statusCode).toBe(400);
    expect(
      (await call(t.app, 'GET', '/api/v1/admin/reports?cursor=nope', { auth: admin.bearer })).json().error.code,
    ).toBe('invalid_cursor');
  });

  it('dismisses one report: it leaves the open list and shows as resolved', async () => {
    const share = await reportedShare(['spam', 'copyright']);
    const mine = (await listReports(t.app, admin, '?limit=100')).items.filter((i) => i.share.id === share.settings.id);
    const dismissed = await call(t.app, 'POST', `/api/v1/admin/reports/${mine[0]!.id}/dismiss`, { auth: admin.bearer });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json()).toMatchObject({ resolution: 'dismissed', share: { openReportCount: 1, reportCount: 2 } });
    const open = (await listReports(t.app, admin, '?limit=100')).items.map((item) => item.id);
    expect(open).not.toContain(mine[0]!.id);
    expect(open).toContain(mine[1]!.id);
    const resolved = (await listReports(t.app, admin, '?status=resolved&limit=100')).items.map((item) => item.id);
    expect(resolved).toContain(mine[0]!.id);
    // Dismissing does nothing to the link.
    expect((await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`)).statusCode).toBe(200);
    const unknown = await call(t.app, 'POST', '/api/v1/admin/reports/nope/dismiss', { auth: admin.bearer });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('report_not_found');
  });

  it('takes a link down with a reason and closes its open reports', async () => {
    const share = await reportedShare(['spam', 'illegal']);
    const taken = await takeDown(t.app, admin, share.settings.id, '  Phishing links.\u0000 ');
    expect(taken.takenDown).toEqual({ at: t.clock.now().toISOString(), reason: 'Phishing links.' });
    expect(taken.openReportCount).toBe(0);
    const closed = (await listReports(t.app, admin, '?status=resolved&limit=100')).items.filter(
      (item) => item.share.id === share.settings.id,
    );
    expect(closed.map((item) => item.resolution)).toEqual(['taken_down', 'taken_down']);
  });

  it('refuses an empty reason and an unknown link', async () => {
    const share = await reportedShare();
    for (const reason of ['', ' \u0001 ']) {
      const response = await call(t.app, 'POST', `/api/v1/admin/shares/${share.settings.id}/takedown`, {
        auth: admin.bearer,
        body: { reason },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
    expect((await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`)).statusCode).toBe(200);
    const unknown = await call(t.app, 'POST', '/api/v1/admin/shares/nope/takedown', {
      auth: admin.bearer,
      body: { reason: 'x' },
    });
    expect(unknown.json().error.code).toBe('share_not_found');
  });

  it('shows in the API docs', async () => {
    const spec = (await call(t.app, 'GET', '/api/docs/json')).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/admin/reports',
        '/api/v1/admin/reports/{id}/dismiss',
        '/api/v1/admin/shares/{id}/takedown',
        '/api/v1/shared/{code}/reports',
      ]),
    );
  });
});
