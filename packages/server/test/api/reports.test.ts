import { LIMITS, RATE_LIMITS } from '@chatshare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, createConversation, createShare, signUp, verifyEmail, type TestUser } from '../helpers/api.js';
import { listReports, report } from '../helpers/moderation.js';

let t: TestApp;
let admin: TestUser;
let owner: TestUser;
beforeAll(async () => {
  // Reports are limited per address; tests give each request its own unless they test the limit.
  t = await buildTestApp({}, { rateLimits: { auth: { max: 1000, windowMs: 60_000 } } });
  admin = await signUp(t.app); // the first account: the instance admin
  owner = await signUp(t.app);
});
afterAll(() => t.close());

let address = 0;
const nextIp = () => `10.9.${Math.floor(++address / 250)}.${address % 250}`;

async function shareOf(settings: Record<string, unknown> = {}) {
  const { id } = await createConversation(t.app, owner);
  return createShare(t.app, owner, { conversationId: id, ...settings });
}

describe('reporting a link', () => {
  it('takes a report from a reader without an account, with the note cleaned', async () => {
    const share = await shareOf();
    const response = await report(
      t.app,
      share.shortCode,
      { reason: 'spam', note: '  Buy now!\r\n\u0007link  ' },
      {
        ip: nextIp(),
      },
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ received: true });
    const [item] = (await listReports(t.app, admin)).items.filter((entry) => entry.share.id === share.settings.id);
    expect(item).toMatchObject({ reason: 'spam', note: 'Buy now!\nlink', reporterEmail: null, resolution: null });
    expect(item!.share).toMatchObject({ code: share.shortCode, ownerEmail: owner.email, openReportCount: 1 });
  });

  it('records who reported when the reader is signed in', async () => {
    const share = await shareOf();
    const reader = await signUp(t.app);
    const response = await report(
      t.app,
      share.shortCode,
      { reason: 'harassment' },
      { auth: reader.session, ip: nextIp() },
    );
    expect(response.statusCode).toBe(201);
    const [item] = (await listReports(t.app, admin)).items.filter((entry) => entry.share.id === share.settings.id);
    expect(item).toMatchObject({ reason: 'harassment', note: null, reporterEmail: reader.email });
  });

  it('does not count a report as a view', async () => {
    const share = await shareOf();
    await report(t.app, share.shortCode, { reason: 'other' }, { ip: nextIp() });
    const mine = await call(t.app, 'GET', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer });
    expect(mine.json().settings.viewCount).toBe(0);
  });

  it.each([
    ['a reason outside the list', { reason: 'boring' }],
    ['no reason', { note: 'just a note' }],
    ['a note over the limit', { reason: 'spam', note: 'x'.repeat(LIMITS.reportNoteLength + 1) }],
    ['an unknown field', { reason: 'spam', email: 'me@example.com' }],
  ])('refuses %s with validation_failed and stores nothing', async (_name, body) => {
    const share = await shareOf();
    const response = await report(t.app, share.shortCode, body, { ip: nextIp() });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    const items = (await listReports(t.app, admin, '?status=all')).items;
    expect(items.some((entry) => entry.share.id === share.settings.id)).toBe(false);
  });

  it('answers a link the reader may not see exactly like an unknown code', async () => {
    const hidden = await shareOf({ privacy: 'private', allowedEmails: ['friend@example.com'] });
    const revoked = await shareOf();
    await call(t.app, 'DELETE', `/api/v1/shares/${revoked.settings.id}`, { auth: owner.bearer });
    const unknown = await report(t.app, 'AAAAAAAAAAAA', { reason: 'spam' }, { ip: nextIp() });
    expect(unknown.statusCode).toBe(404);
    for (const code of [hidden.shortCode, revoked.shortCode]) {
      const response = await report(t.app, code, { reason: 'spam' }, { ip: nextIp() });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual(unknown.json());
    }
    const items = (await listReports(t.app, admin, '?status=all')).items;
    expect(items.some((entry) => [hidden.settings.id, revoked.settings.id].includes(entry.share.id))).toBe(false);
  });

  it('answers locked and expired links as the shared API does', async () => {
    const locked = await shareOf({ password: 'open sesame' });
    expect((await report(t.app, locked.shortCode, { reason: 'spam' }, { ip: nextIp() })).json().error.code).toBe(
      'password_required',
    );
    const expiring = await shareOf({ expiresIn: 1 });
    t.clock.advance(2 * 3600_000);
    const expired = await report(t.app, expiring.shortCode, { reason: 'spam' }, { ip: nextIp() });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('share_expired');
  });

  it('lets an invited reader report a private link once their email is verified', async () => {
    const reader = await signUp(t.app);
    const share = await shareOf({ privacy: 'private', allowedEmails: [reader.email] });
    const send = () =>
      report(t.app, share.shortCode, { reason: 'personal_information' }, { auth: reader.bearer, ip: nextIp() });
    expect((await send()).statusCode).toBe(404);
    await verifyEmail(t.app, t.mailer.sent, reader.email);
    expect((await send()).statusCode).toBe(201);
  });

  it(`keeps at most ${LIMITS.openReportsPerShare} open reports of one link, and still thanks the reader`, async () => {
    const share = await shareOf();
    for (let i = 0; i <= LIMITS.openReportsPerShare; i++) {
      expect((await report(t.app, share.shortCode, { reason: 'spam' }, { ip: nextIp() })).statusCode).toBe(201);
    }
    const items = (await listReports(t.app, admin, '?limit=100')).items.filter((i) => i.share.id === share.settings.id);
    expect(items[0]!.share.openReportCount).toBe(LIMITS.openReportsPerShare);
  });

  it('refuses a report of your own link with own_share_report', async () => {
    const share = await shareOf();
    const response = await report(t.app, share.shortCode, { reason: 'spam' }, { auth: owner.bearer, ip: nextIp() });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('own_share_report');
  });
});

describe('the report limit', () => {
  it(`allows ${RATE_LIMITS.report.max} reports per address, then 429 with Retry-After`, async () => {
    const strict = await buildTestApp({}, { rateLimits: { auth: { max: 1000, windowMs: 60_000 } } });
    try {
      const sharer = await signUp(strict.app);
      const { id } = await createConversation(strict.app, sharer);
      const share = await createShare(strict.app, sharer, { conversationId: id });
      const send = (ip: string) => report(strict.app, share.shortCode, { reason: 'spam' }, { ip });
      for (let i = 0; i < RATE_LIMITS.report.max; i++) expect((await send('10.7.7.7')).statusCode).toBe(201);
      const limited = await send('10.7.7.7');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // The page's form draws on the same budget.
      const form = await strict.app.inject({
        method: 'POST',
        url: `/s/${share.shortCode}/report`,
        remoteAddress: '10.7.7.7',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'reason=spam',
      });
      expect(form.statusCode).toBe(429);
      expect((await send('10.7.7.8')).statusCode).toBe(201);
    } finally {
      await strict.close();
    }
  });
});
