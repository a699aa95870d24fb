/**
 * View limits (docs/design.md §Access rules, rule 5): a view-limited link shows a click-to-reveal step first, and
 * only the reveal POST counts a view, so unfurlers and prefetchers never use one up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, cookieFrom, signUp, type TestUser } from '../helpers/api.js';
import { getPage, shareOf, storedViews } from './helpers.js';
import { revealPage } from './reveal-helpers.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp({}, { rateLimits: { unlock: { max: 1000, windowMs: 60_000 } } });
  owner = await signUp(t.app);
});
afterAll(() => t.close());

const SLACKBOT = 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)';
/** Words of the shared conversation (buildConversation): none may leak before a reveal. */
const CONTENT = ['Lisbon', 'Alfama'];
const expectNoContent = (body: string) => {
  for (const word of CONTENT) expect(body).not.toContain(word);
};

describe('a burn-after-reading link', () => {
  it('gives unfurlers and prefetchers nothing, and uses no view', async () => {
    const share = await shareOf(t, owner, { maxViews: 1 });
    const code = share.shortCode;
    const unfurl = await getPage(t, code, { headers: { 'user-agent': SLACKBOT } });
    expect(unfurl.statusCode).toBe(200);
    expect(unfurl.headers['cache-control']).toBe('private, no-store');
    // Its form must carry the Origin (under no-referrer Chromium sends `Origin: null`).
    expect(unfurl.headers['referrer-policy']).toBe('same-origin');
    expect(unfurl.body).toContain('This conversation can be opened 1 more time');
    expect(unfurl.body).toContain(`<form class="gate-form" action="/s/${code}/reveal" method="post">`);
    expect(unfurl.body).toContain('<meta property="og:title" content="A shared conversation"/>');
    expectNoContent(unfurl.body);
    // A person's browser fetching it ahead of a click, and a HEAD.
    const prefetch = await getPage(t, code, { headers: { 'sec-purpose': 'prefetch' } });
    expectNoContent(prefetch.body);
    const head = await t.app.inject({ method: 'HEAD', url: `/s/${code}`, headers: { 'user-agent': SLACKBOT } });
    expect(head.statusCode).toBe(200);
    const image = await call(t.app, 'GET', `/s/${code}/og.png`, { headers: { 'user-agent': SLACKBOT } });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['cache-control']).toBe('private, no-store');
    // The generic "a shared conversation" card, byte for byte: nothing of this link drawn.
    const generic = await call(t.app, 'GET', '/og/shared.png');
    expect(image.rawPayload.equals(generic.rawPayload)).toBe(true);
    const oembed = await call(
      t.app,
      'GET',
      `/oembed?url=${encodeURIComponent(`http://localhost:3000/s/${code}`)}&format=json`,
    );
    expect(oembed.statusCode).toBe(404);
    expectNoContent(oembed.body);
    const embed = await call(t.app, 'GET', `/embed/${code}`, { headers: { 'user-agent': SLACKBOT } });
    expect(embed.statusCode).toBe(200);
    expectNoContent(embed.body);
    const markdown = await call(t.app, 'GET', `/s/${code}.md`);
    expect(markdown.statusCode).toBe(200);
    expect(markdown.headers['cache-control']).toBe('private, no-store');
    expectNoContent(markdown.body);
    const api = await call(t.app, 'GET', `/api/v1/shared/${code}`);
    expect(api.json()).toEqual({ shortCode: code, revealRequired: true, viewsLeft: 1 });
    const report = await getPage(t, `/s/${code}/report`);
    expectNoContent(report.body);
    expect(await storedViews(t, share.settings.id)).toBe(0);

    // Then a person clicks "Open it": the conversation, once.
    const opened = await revealPage(t, code);
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['cache-control']).toBe('private, no-store');
    expect(opened.headers.etag).toBeUndefined();
    expect(opened.body).toContain('What should I see in Lisbon?');
    expect(await storedViews(t, share.settings.id)).toBe(1);

    // A second reveal (a replay, another reader) gets the used-up page, as does the link.
    const again = await revealPage(t, code);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This link has been used up');
    expect(again.body).not.toContain('expired');
    expectNoContent(again.body);
    const page = await getPage(t, code);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('This link has been used up');
    const german = await getPage(t, code, { headers: { 'accept-language': 'de' } });
    expect(german.body).toContain('Dieser Link ist aufgebraucht');
    expect(await storedViews(t, share.settings.id)).toBe(1);
  });

  it('is opened by its owner without a step and without using a view', async () => {
    const share = await shareOf(t, owner, { maxViews: 1 });
    const page = await getPage(t, share.shortCode, { auth: owner.session });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('What should I see in Lisbon?');
    const reveal = await revealPage(t, share.shortCode, { auth: owner.session });
    expect(reveal.statusCode).toBe(303);
    expect(reveal.headers.location).toBe(`/s/${share.shortCode}`);
    const api = await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, { auth: owner.bearer });
    expect(api.json().title).toBe('Planning a trip to Lisbon');
    expect(await storedViews(t, share.settings.id)).toBe(0);
    // Still there for the one reader it was meant for.
    expect((await revealPage(t, share.shortCode)).statusCode).toBe(200);
  });
});

describe('a link with several views', () => {
  it('counts each reveal, and says how many opens are left', async () => {
    const share = await shareOf(t, owner, { maxViews: 3 });
    expect((await getPage(t, share.shortCode)).body).toContain('can be opened 3 more times');
    await revealPage(t, share.shortCode);
    expect((await getPage(t, share.shortCode)).body).toContain('can be opened 2 more times');
    const german = await getPage(t, share.shortCode, { headers: { 'accept-language': 'de' } });
    expect(german.body).toContain('Diese Unterhaltung kann noch 2 Mal geöffnet werden');
    expect(await storedViews(t, share.settings.id)).toBe(1);
  });

  it('reveals through the API with a POST, counted against the limit', async () => {
    const share = await shareOf(t, owner, { maxViews: 1 });
    const opened = await call(t.app, 'POST', `/api/v1/shared/${share.shortCode}/reveal`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().messages).toHaveLength(2);
    const again = await call(t.app, 'POST', `/api/v1/shared/${share.shortCode}/reveal`);
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('share_expired');
    expect(again.json().error.message).toBe('This link has been used up.');
    expect(await storedViews(t, share.settings.id)).toBe(1);
  });

  it('sends a GET of the reveal address back to the link', async () => {
    const share = await shareOf(t, owner, { maxViews: 1 });
    const response = await getPage(t, `/s/${share.shortCode}/reveal`);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/s/${share.shortCode}`);
    expect(await storedViews(t, share.settings.id)).toBe(0);
  });
});

describe('a view-limited link with a password', () => {
  it('asks the password first, then shows the reveal step', async () => {
    const share = await shareOf(t, owner, { maxViews: 1, password: 'open sesame' });
    const code = share.shortCode;
    const locked = await getPage(t, code);
    expect(locked.statusCode).toBe(401);
    expect(locked.body).toContain(`action="/s/${code}/unlock"`);
    expect(locked.body).not.toContain('/reveal');
    const early = await revealPage(t, code);
    expect(early.statusCode).toBe(401);
    expectNoContent(early.body);
    expect(await storedViews(t, share.settings.id)).toBe(0);

    const unlock = await t.app.inject({
      method: 'POST',
      url: `/s/${code}/unlock`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' },
      payload: 'password=open%20sesame',
    });
    const cookie = cookieFrom(unlock, `cs_unlock_${code}`)!;
    const step = await getPage(t, code, { headers: { cookie } });
    expect(step.statusCode).toBe(200);
    expect(step.body).toContain(`action="/s/${code}/reveal"`);
    expectNoContent(step.body);
    expect(await storedViews(t, share.settings.id)).toBe(0);
    const opened = await revealPage(t, code, { headers: { cookie } });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('What should I see in Lisbon?');
    expect(await storedViews(t, share.settings.id)).toBe(1);
  });
});

describe('a link without a view limit', () => {
  it('shows no reveal step, and a reveal POST just goes to the page', async () => {
    const share = await shareOf(t, owner);
    const page = await getPage(t, share.shortCode);
    expect(page.body).toContain('What should I see in Lisbon?');
    expect(page.body).not.toContain('/reveal');
    expect((await revealPage(t, share.shortCode)).statusCode).toBe(303);
  });
});
