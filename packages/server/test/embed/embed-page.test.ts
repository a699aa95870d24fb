/** GET /embed/:code and GET /embed.js: framing rules, panels, views, and the loader script. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBED_SCRIPT } from '../../src/views/embed-script.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
import { BROWSER, getPage, inlineScriptSources, shareOf, storedViews } from '../pages/helpers.js';
import { revealPage } from '../pages/reveal-helpers.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await signUp(t.app);
});
afterAll(() => t.close());

const getEmbed = (code: string, options: Parameters<typeof getPage>[2] = {}) => getPage(t, `/embed/${code}`, options);
const csp = (response: { headers: Record<string, unknown> }) => String(response.headers['content-security-policy']);

describe('the embedded view', () => {
  it('shows the conversation without the site frame, framable by any site, links opening outside', async () => {
    const share = await shareOf(t, owner);
    const response = await getEmbed(share.shortCode);
    expect(response.statusCode).toBe(200);
    expect(csp(response)).toContain('frame-ancestors *;');
    expect(csp(response)).toContain(`script-src ${inlineScriptSources(response.body).join(' ')};`);
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    const html = response.body;
    expect(html).toContain('What should I see in Lisbon?');
    expect(html).not.toContain('site-bar');
    expect(html).not.toContain('site-footer');
    expect(html).not.toContain('SYSTEM-PROMPT-SECRET');
    expect(html).toContain('<base target="_blank"/>');
    expect(html).toContain(
      `<a class="embed-open" href="http://localhost:3000/s/${share.shortCode}" target="_blank" rel="noopener noreferrer">Open in chatshare</a>`,
    );
    expect(html).toContain(`data-code="${share.shortCode}"`);
    expect(html).toContain(EMBED_SCRIPT);
  });

  it('posts only its code and height to the embedding page', () => {
    expect(EMBED_SCRIPT).toContain("postMessage({ type: 'chatshare:height', code: code, height: height }, '*')");
    expect(EMBED_SCRIPT.match(/postMessage/g)).toHaveLength(1);
  });

  it('leaves the share page itself unframable', async () => {
    const share = await shareOf(t, owner);
    const page = await getPage(t, share.shortCode);
    expect(csp(page)).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('counts a view like the page, but not for a crawler', async () => {
    const share = await shareOf(t, owner);
    await getEmbed(share.shortCode);
    await getEmbed(share.shortCode, { headers: { 'user-agent': 'Slackbot-LinkExpanding 1.0' } });
    await t.app.repos.shares.flushViews();
    expect(await storedViews(t, share.settings.id)).toBe(1);
  });

  it('answers a view-limited link with a notice, and the used-up panel once its views are used', async () => {
    const share = await shareOf(t, owner, { maxViews: 1 });
    const first = await getEmbed(share.shortCode);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('A shared conversation');
    expect(first.body).not.toContain('Lisbon');
    expect(await storedViews(t, share.settings.id)).toBe(0);
    await revealPage(t, share.shortCode);
    const second = await getEmbed(share.shortCode);
    expect(second.statusCode).toBe(410);
    expect(second.body).toContain('This link has been used up');
    expect(second.body).not.toContain('Lisbon');
  });
});

describe('when there is nothing to show', () => {
  it('refuses to be framed when the owner turned embedding off', async () => {
    const share = await shareOf(t, owner, { allowEmbed: false });
    const response = await getEmbed(share.shortCode);
    expect(response.statusCode).toBe(403);
    expect(csp(response)).toContain("frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.body).toContain('Embedding is turned off');
    expect(response.body).toContain(`href="http://localhost:3000/s/${share.shortCode}"`);
    expect(response.body).not.toContain('Lisbon');
  });

  it('shows a password link as a panel pointing to the full page, never a password form', async () => {
    const share = await shareOf(t, owner, { password: 'open sesame' });
    const response = await getEmbed(share.shortCode);
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('This conversation is protected');
    expect(response.body).toContain(`href="http://localhost:3000/s/${share.shortCode}" target="_blank"`);
    expect(response.body).not.toMatch(/<form|type="password"/);
    expect(response.body).not.toContain('Lisbon');
    expect(csp(response)).toContain("form-action 'none'");
    expect(response.headers['cache-control']).toBe('private, no-store');
  });

  it('shows unknown, revoked and private links (even to their owner) as the same not-found panel', async () => {
    const hidden = await shareOf(t, owner, { privacy: 'private', allowedEmails: [owner.email] });
    const revoked = await shareOf(t, owner);
    await call(t.app, 'DELETE', `/api/v1/shares/${revoked.settings.id}`, { auth: owner.bearer });
    const unknown = await getEmbed('AAAAAAAAAAAA');
    expect(unknown.statusCode).toBe(404);
    for (const [code, auth] of [
      [hidden.shortCode, undefined],
      [hidden.shortCode, owner.session],
      [revoked.shortCode, undefined],
    ] as const) {
      const response = await getEmbed(code, auth ? { auth } : {});
      expect(response.statusCode).toBe(404);
      expect(response.body.replaceAll(code, 'AAAAAAAAAAAA')).toBe(unknown.body);
    }
  });

  it('shows an expired link as the expired panel', async () => {
    const share = await shareOf(t, owner, { expiresIn: 1 });
    t.clock.advance(2 * 3600_000);
    const response = await getEmbed(share.shortCode);
    t.clock.advance(-2 * 3600_000);
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain('This link has expired');
  });
});

describe('embed.js', () => {
  it('is JavaScript for this instance, cached a day by anyone and revalidated by ETag', async () => {
    const response = await call(t.app, 'GET', '/embed.js', { headers: { 'user-agent': BROWSER } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=86400, stale-while-revalidate=604800');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.body).toContain('var BASE = "http://localhost:3000";');
    expect(response.body).toContain('var ORIGIN = "http://localhost:3000";');
    expect(response.body).toContain('event.origin !== ORIGIN');
    expect(response.body).toContain('contentWindow !== event.source');
    expect(response.body).toContain("'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox'");
    // It parses.
    expect(() => new Function(response.body)).not.toThrow();
    const again = await call(t.app, 'GET', '/embed.js', {
      headers: { 'if-none-match': String(response.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });
});
