import { REPORT_REASONS } from '@chatshare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, ORIGIN, signUp, type TestUser } from '../helpers/api.js';
import { listReports } from '../helpers/moderation.js';
import { getPage, scriptSourcesOf, shareOf } from './helpers.js';
import { revealPage } from './reveal-helpers.js';

let t: TestApp;
let admin: TestUser;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await signUp(t.app);
  owner = await signUp(t.app);
});
afterAll(() => t.close());

let address = 0;
/** The form as a browser sends it: form-encoded, from this site, from its own address. */
const submit = (code: string, form: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/s/${code}/report`,
    remoteAddress: `10.6.0.${++address}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
    payload: form,
  });

const reportsOf = async (shareId: string) =>
  (await listReports(t.app, admin, '?status=all&limit=100')).items.filter((item) => item.share.id === shareId);

describe('the report page', () => {
  it('is linked from the footer of the share page, except on the owner’s own page', async () => {
    const share = await shareOf(t, owner);
    const link = `href="/s/${share.shortCode}/report"`;
    expect((await getPage(t, share.shortCode)).body).toContain(link);
    expect((await getPage(t, share.shortCode, { auth: owner.session })).body).not.toContain(link);
    // The owner's page is cached apart from everyone else's.
    expect((await getPage(t, share.shortCode)).body).toContain(link);
  });

  it('is a form that works without JavaScript, with the headers of the other pages', async () => {
    const share = await shareOf(t, owner);
    const page = await getPage(t, `/s/${share.shortCode}/report`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<form class="report-form" action="/s/${share.shortCode}/report" method="post">`);
    for (const reason of REPORT_REASONS) expect(page.body).toContain(`value="${reason}"`);
    expect(page.body).toContain('<textarea');
    expect(page.body).not.toContain('<script');
    expect(scriptSourcesOf(page)).toEqual(["'none'"]);
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.headers['x-robots-tag']).toContain('noindex');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    const german = await getPage(t, `/s/${share.shortCode}/report`, { headers: { 'accept-language': 'de' } });
    expect(german.body).toContain('Diese Unterhaltung melden');
  });

  it('takes the form, then shows a thank-you page', async () => {
    const share = await shareOf(t, owner);
    const sent = await submit(share.shortCode, 'reason=copyright&note=My+article%2C+copied.');
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/s/${share.shortCode}/report?sent=1`);
    const thanks = await getPage(t, String(sent.headers.location));
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('Thank you');
    expect(await reportsOf(share.settings.id)).toMatchObject([
      { reason: 'copyright', note: 'My article, copied.', reporterEmail: null },
    ]);
  });

  it('shows the form again with what was typed when no reason is chosen', async () => {
    const share = await shareOf(t, owner);
    const response = await submit(share.shortCode, 'note=Look+at+this');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Choose what is wrong with it.');
    expect(response.body).toContain('Look at this</textarea>');
    expect(await reportsOf(share.settings.id)).toEqual([]);
  });

  it('refuses a form sent from another site', async () => {
    const share = await shareOf(t, owner);
    const response = await submit(share.shortCode, 'reason=spam', { origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
    expect(await reportsOf(share.settings.id)).toEqual([]);
  });

  it('answers locked, expired and unknown links exactly as the share page does', async () => {
    const locked = await shareOf(t, owner, { password: 'open sesame' });
    const expiring = await shareOf(t, owner, { maxViews: 1 });
    await revealPage(t, expiring.shortCode);
    const hidden = await shareOf(t, owner, { privacy: 'private', allowedEmails: ['friend@example.com'] });
    for (const code of [locked.shortCode, expiring.shortCode, hidden.shortCode, 'AAAAAAAAAAAA']) {
      const page = await getPage(t, code);
      const form = await getPage(t, `/s/${code}/report`);
      expect(form.statusCode, code).toBe(page.statusCode);
      expect(form.body).toBe(page.body);
      const post = await submit(code, 'reason=spam');
      expect(post.statusCode, code).toBe(page.statusCode);
    }
    expect(await reportsOf(locked.settings.id)).toEqual([]);
  });

  it('tells the owner they cannot report their own link', async () => {
    const share = await shareOf(t, owner);
    const page = await getPage(t, `/s/${share.shortCode}/report`, { auth: owner.session });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('This is your own link');
    const post = await submit(share.shortCode, 'reason=spam', { cookie: owner.cookie });
    expect(post.statusCode).toBe(403);
    expect(await reportsOf(share.settings.id)).toEqual([]);
  });

  it('records a signed-in reader who uses the form', async () => {
    const share = await shareOf(t, owner);
    const reader = await signUp(t.app);
    expect((await submit(share.shortCode, 'reason=spam', { cookie: reader.cookie })).statusCode).toBe(303);
    expect(await reportsOf(share.settings.id)).toMatchObject([{ reporterEmail: reader.email }]);
    expect(
      (await call(t.app, 'GET', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer })).json().settings
        .viewCount,
    ).toBe(0);
  });
});
