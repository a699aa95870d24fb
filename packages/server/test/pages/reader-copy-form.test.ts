/**
 * "Save a copy" from a share page: `GET /s/:code/copy` (the page with the form) and
 * `POST /s/:code/copy`. A signed-in reader lands on the copy, a reader without an account goes
 * to sign-in with a return address that finishes the copy, and a link the reader may not open
 * answers with the page its GET would give.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { prepareConversation } from '@chatshare/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, DIALECT, type TestApp } from '../helpers/app.js';
import { call, cookieFrom, signUp, type TestUser } from '../helpers/api.js';
import { translator } from '../../src/views/i18n.js';
import { SharePage } from '../../src/views/SharePage.js';
import { getPage, shareOf } from './helpers.js';

let t: TestApp;
let owner: TestUser;
let reader: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await signUp(t.app);
  reader = await signUp(t.app);
});
afterAll(() => t.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' };
const post = (code: string, options: Parameters<typeof call>[3] = {}) =>
  call(t.app, 'POST', `/s/${code}/copy`, { ...options, body: '', headers: { ...FORM, ...options.headers } });

describe(`the "Save a copy" page (${DIALECT})`, () => {
  it('shows what will be saved and a form whose post keeps its origin, for readers with and without an account', async () => {
    const share = await shareOf(t, owner);
    for (const [auth, button] of [
      [reader.session, '>Save a copy</button>'],
      [undefined, '>Sign in and save a copy</button>'],
    ] as const) {
      const response = await call(t.app, 'GET', `/s/${share.shortCode}/copy`, auth ? { auth } : {});
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(response.headers['referrer-policy']).toBe('same-origin');
      expect(response.headers['x-robots-tag']).toContain('noindex');
      expect(response.body).toContain('Planning a trip to Lisbon');
      expect(response.body).toContain(`action="/s/${share.shortCode}/copy" method="post"`);
      expect(response.body).toContain(button);
      // Nothing of the conversation beyond its title.
      expect(response.body).not.toContain('Alfama');
    }
    const german = await call(t.app, 'GET', `/s/${share.shortCode}/copy`, { headers: { 'accept-language': 'de' } });
    expect(german.body).toContain('Anmelden und Kopie speichern');
  });

  it('answers a link the reader may not open as its page does, and one without copies with the page', async () => {
    const hidden = await shareOf(t, owner, { privacy: 'private', allowCopy: true });
    const hiddenCopy = await call(t.app, 'GET', `/s/${hidden.shortCode}/copy`, { auth: reader.session });
    expect(hiddenCopy.statusCode).toBe(404);
    expect(hiddenCopy.body).not.toContain('Planning a trip');
    const limited = await shareOf(t, owner, { maxViews: 3, allowCopy: true });
    const limitedCopy = await call(t.app, 'GET', `/s/${limited.shortCode}/copy`, { auth: reader.session });
    expect(limitedCopy.statusCode).toBe(303);
    expect(limitedCopy.headers.location).toBe(`/s/${limited.shortCode}`);
  });
});

describe(`the "Save a copy" form (${DIALECT})`, () => {
  it('saves a signed-in reader’s copy and sends them to it in the owner app, using no view', async () => {
    const share = await shareOf(t, owner);
    const response = await post(share.shortCode, { auth: reader.session });
    expect(response.statusCode).toBe(303);
    const match = /^\/app\/conversations\/([^/]+)$/.exec(String(response.headers.location));
    expect(match).not.toBeNull();
    const copy = await call(t.app, 'GET', `/api/v1/conversations/${match![1]!}`, { auth: reader.bearer });
    expect(copy.statusCode).toBe(200);
    expect(copy.json().copiedFrom.shortCode).toBe(share.shortCode);
    const settings = await call(t.app, 'GET', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer });
    expect(settings.json().settings.viewCount).toBe(0);
  });

  it('sends a reader without an account to sign-in, coming back to the owner app’s copy page', async () => {
    const share = await shareOf(t, owner);
    const response = await post(share.shortCode);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/app/signin?next=${encodeURIComponent(`/app/copy/${share.shortCode}`)}`);
  });

  it('answers an unknown, revoked or hidden private link with the not-found page, like its GET', async () => {
    const revoked = await shareOf(t, owner);
    await call(t.app, 'DELETE', `/api/v1/shares/${revoked.settings.id}`, { auth: owner.bearer });
    const hidden = await shareOf(t, owner, { privacy: 'private', allowCopy: true });
    for (const code of ['AAAAAAAAAAAA', revoked.shortCode, hidden.shortCode]) {
      const page = await getPage(t, code, { auth: reader.session });
      const response = await post(code, { auth: reader.session });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('This link does not exist');
      expect(page.statusCode).toBe(404);
    }
  });

  it('answers an expired link with the expired page and a locked one with the password form', async () => {
    const expired = await shareOf(t, owner, { expiresIn: 1 });
    const locked = await shareOf(t, owner, { password: 'open sesame' });
    t.clock.advance(2 * 3600_000);
    const gone = await post(expired.shortCode, { auth: reader.session });
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('This link has expired');
    const asked = await post(locked.shortCode, { auth: reader.session });
    expect(asked.statusCode).toBe(401);
    expect(asked.body).toContain(`action="/s/${locked.shortCode}/unlock"`);

    const unlocked = await call(t.app, 'POST', `/s/${locked.shortCode}/unlock`, {
      auth: reader.session,
      body: { password: 'open sesame' },
    });
    const [name, value] = cookieFrom(unlocked, `cs_unlock_${locked.shortCode}`)!.split('=') as [string, string];
    const copied = await post(locked.shortCode, { auth: reader.session, cookies: { [name]: value } });
    expect(copied.statusCode).toBe(303);
    expect(copied.headers.location).toMatch(/^\/app\/conversations\//);
  });

  it('goes back to the page when the owner turned copies off since it was drawn', async () => {
    const share = await shareOf(t, owner, { allowCopy: false });
    const response = await post(share.shortCode, { auth: reader.session });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/s/${share.shortCode}`);
  });

  it('refuses a post from another site', async () => {
    const share = await shareOf(t, owner);
    const response = await post(share.shortCode, { auth: reader.session, headers: { origin: 'https://evil.example' } });
    expect(response.statusCode).toBe(403);
  });
});

describe('the reader menu', () => {
  const render = (copyUrl: string | null, locale: 'en' | 'de' = 'en') => {
    const t = translator(locale);
    const conversation = { title: 'Tides', messages: [] };
    return renderToString(
      createElement(SharePage, {
        conversation,
        prepared: prepareConversation(conversation, t),
        shareUrl: 'https://chat.example/s/abcdefghijkl',
        copyUrl,
        locale,
        t,
      }),
    );
  };

  it('offers the downloads and printing, and "Save a copy" only where given', () => {
    const html = render('/s/abcdefghijkl/copy');
    expect(html).toContain('<details class="reader-menu">');
    expect(html).toContain('<a class="reader-menu-item" href="/s/abcdefghijkl/copy" rel="nofollow">Save a copy');
    expect(html).toContain('href="/s/abcdefghijkl.md"');
    expect(html).toContain('href="/s/abcdefghijkl.json"');
    expect(html).toContain('data-print="true"');
    const without = render(null);
    expect(without).not.toContain('/copy');
    expect(without).not.toContain('Save a copy');
    expect(without).toContain('Download Markdown');
  });

  it('speaks German', () => {
    const html = render('/s/abcdefghijkl/copy', 'de');
    for (const text of ['Kopie speichern', 'Als Markdown herunterladen', 'Drucken / als PDF speichern']) {
      expect(html).toContain(text);
    }
  });
});
