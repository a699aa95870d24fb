/** GET /oembed: oEmbed 1.0 (rich) for share pages, every status and the size rules. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
import { shareOf } from '../pages/helpers.js';

const PUBLIC_URL = 'https://chat.example.com';
let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp({ publicUrl: PUBLIC_URL });
  owner = await signUp(t.app);
});
afterAll(() => t.close());

const oembed = (url: string, extra = '') => call(t.app, 'GET', `/oembed?url=${encodeURIComponent(url)}${extra}`);
const pageUrl = (code: string) => `${PUBLIC_URL}/s/${code}`;

describe('an embeddable link', () => {
  it('answers a rich oEmbed with an iframe of the embed view, the provider and the thumbnail', async () => {
    const share = await shareOf(t, owner);
    const response = await oembed(pageUrl(share.shortCode), '&format=json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const body = response.json();
    expect(body).toMatchObject({
      type: 'rich',
      version: '1.0',
      title: 'Planning a trip to Lisbon',
      provider_name: 'chat.example.com',
      provider_url: `${PUBLIC_URL}/`,
      width: 600,
      height: 500,
      cache_age: 3600,
      thumbnail_width: 1200,
      thumbnail_height: 630,
    });
    expect(body.thumbnail_url).toMatch(new RegExp(`^${PUBLIC_URL}/s/${share.shortCode}/og\\.png\\?v=1-`));
    expect(body.html).toBe(
      `<iframe src="${PUBLIC_URL}/embed/${share.shortCode}" width="600" height="500"` +
        ` title="Shared conversation: Planning a trip to Lisbon"` +
        ` sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"` +
        ` referrerpolicy="no-referrer" style="border:0;max-width:100%"></iframe>`,
    );
    // Only the listed fields leave the server.
    expect(Object.keys(body).sort()).toEqual(
      [
        'cache_age',
        'height',
        'html',
        'provider_name',
        'provider_url',
        'thumbnail_height',
        'thumbnail_url',
        'thumbnail_width',
        'title',
        'type',
        'version',
        'width',
      ].sort(),
    );
    // json is the default format; the embed address and unknown parameters are accepted too.
    expect((await oembed(pageUrl(share.shortCode))).statusCode).toBe(200);
    expect((await oembed(`${PUBLIC_URL}/embed/${share.shortCode}`, '&lang=fr')).statusCode).toBe(200);
  });

  it('escapes the title inside the html', async () => {
    const share = await shareOf(t, owner, { title: '"><script>alert(1)</script> & co' });
    const body = (await oembed(pageUrl(share.shortCode))).json();
    expect(body.title).toBe('"><script>alert(1)</script> & co');
    expect(body.html).toContain(
      'title="Shared conversation: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"',
    );
    expect(body.html).not.toContain('<script>');
  });

  it.each([
    ['none', '', 600, 500, true],
    ['a smaller box', '&maxwidth=400&maxheight=300', 400, 300, false],
    ['only a narrower width', '&maxwidth=320', 320, 500, false],
    ['only a lower height', '&maxheight=200', 600, 200, false],
    ['a larger box', '&maxwidth=2000&maxheight=2000', 600, 500, true],
    ['exactly the thumbnail', '&maxwidth=1200&maxheight=630', 600, 500, true],
    ['a box too low for the thumbnail', '&maxwidth=2000&maxheight=629', 600, 500, false],
  ])('keeps within maxwidth/maxheight (%s)', async (_name, query, width, height, thumbnail) => {
    const share = await shareOf(t, owner);
    const body = (await oembed(pageUrl(share.shortCode), query)).json();
    expect(body.width).toBe(width);
    expect(body.height).toBe(height);
    expect(body.html).toContain(` width="${width}" height="${height}"`);
    // The three thumbnail fields come together, and only when the image fits.
    const fields = ['thumbnail_url', 'thumbnail_width', 'thumbnail_height'].filter((key) => key in body);
    expect(fields).toHaveLength(thumbnail ? 3 : 0);
  });
});

describe('every other answer', () => {
  it('is 404 for unknown, revoked, private, password-protected, expired and non-embeddable links', async () => {
    const revoked = await shareOf(t, owner);
    await call(t.app, 'DELETE', `/api/v1/shares/${revoked.settings.id}`, { auth: owner.bearer });
    const hidden = await shareOf(t, owner, { privacy: 'private', allowedEmails: ['friend@example.com'] });
    const locked = await shareOf(t, owner, { password: 'open sesame' });
    const expired = await shareOf(t, owner, { expiresIn: 1 });
    const closed = await shareOf(t, owner, { allowEmbed: false });
    t.clock.advance(2 * 3600_000);
    const codes = {
      unknown: 'AAAAAAAAAAAA',
      'not a code': 'x',
      revoked: revoked.shortCode,
      private: hidden.shortCode,
      password: locked.shortCode,
      expired: expired.shortCode,
    };
    for (const [name, code] of Object.entries(codes)) {
      const response = await oembed(pageUrl(code));
      expect([name, response.statusCode]).toEqual([name, 404]);
      expect(response.json().error.code).toBe('share_not_found');
      expect(response.body).not.toContain('Lisbon');
    }
    const disabled = await oembed(pageUrl(closed.shortCode));
    expect(disabled.statusCode).toBe(404);
    expect(disabled.json().error.code).toBe('embed_disabled');
    t.clock.advance(-2 * 3600_000);
  });

  it('is 501 for any format but json', async () => {
    const share = await shareOf(t, owner);
    for (const format of ['xml', 'yaml']) {
      const response = await oembed(pageUrl(share.shortCode), `&format=${format}`);
      expect(response.statusCode).toBe(501);
      expect(response.json().error.code).toBe('format_not_supported');
    }
  });

  it('is 400 for a url that is not a share page of this server, and for bad parameters', async () => {
    const share = await shareOf(t, owner);
    for (const url of [
      `https://evil.example.com/s/${share.shortCode}`,
      `http://chat.example.com/s/${share.shortCode}`,
      `https://chat.example.com:8443/s/${share.shortCode}`,
      `${PUBLIC_URL}/app/conversations`,
      `${PUBLIC_URL}/s/${share.shortCode}/og.png`,
      'not a url',
      `javascript:alert(1)//${PUBLIC_URL}/s/${share.shortCode}`,
    ]) {
      const response = await oembed(url);
      expect([url, response.statusCode]).toEqual([url, 400]);
      expect(response.json().error.code).toBe('url_not_supported');
    }
    expect((await call(t.app, 'GET', '/oembed')).statusCode).toBe(400);
    for (const query of ['&maxwidth=0', '&maxwidth=wide', '&maxheight=-5']) {
      const response = await oembed(pageUrl(share.shortCode), query);
      expect([query, response.statusCode]).toEqual([query, 400]);
      expect(response.json().error.code).toBe('validation_failed');
    }
  });
});
