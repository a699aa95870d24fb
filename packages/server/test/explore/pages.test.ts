/** GET /explore, /sitemap.xml and /robots.txt. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, DIALECT, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
import { publish, talk } from './helpers.js';

let t: TestApp;
let owner: TestUser;
const code: Record<string, string> = {};

beforeAll(async () => {
  const plenty = { max: 10_000, windowMs: 60_000 };
  t = await buildTestApp({}, { rateLimits: { explore: plenty, shareCreate: plenty } });
  owner = await signUp(t.app);
  code.indexed = (
    await publish(t, owner, talk('Lisbon trams', 'Which tram goes to Belém?'), { allowIndexing: true })
  ).shortCode;
  code.plain = (await publish(t, owner, talk('Porto wine', 'Where to taste port wine?'))).shortCode;
  code.limited = (
    await publish(t, owner, talk('Limited', 'A view-limited link'), { allowIndexing: true, maxViews: 10 })
  ).shortCode;
  code.unlisted = (
    await publish(t, owner, talk('Secret tram plans', 'tram'), { privacy: 'unlisted', allowIndexing: true })
  ).shortCode;
});
afterAll(() => t.close());

const page = (path: string, headers: Record<string, string> = {}) => call(t.app, 'GET', path, { headers });

describe(`explore pages (${DIALECT})`, () => {
  it('lists public shares as a page that works without JavaScript', async () => {
    const response = await page('/explore');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("script-src 'none';");
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.body).toMatch(/<form (?=[^>]*method="get")(?=[^>]*action="\/explore")[^>]*>/);
    for (const key of ['indexed', 'plain']) expect(response.body).toContain(`href="/s/${code[key]}"`);
    // A view-limited link keeps its title and text behind its reveal step, so it is not listed.
    expect(response.body).not.toContain(code.limited);
    expect(response.body).not.toContain(code.unlisted);
    expect(response.body).not.toContain('<script');
    // The plain first page may be indexed; it names itself canonical.
    expect(response.body).not.toContain('name="robots"');
    expect(response.body).toContain('<link rel="canonical" href="http://localhost:3000/explore"/>');
  });

  it('marks search matches and keeps searches out of search engines', async () => {
    const response = await page('/explore?q=tram');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<mark>trams</mark>');
    expect(response.body).toContain(`href="/s/${code.indexed}"`);
    expect(response.body).not.toContain(code.plain);
    expect(response.body).not.toContain(code.unlisted);
    expect(response.body).toContain('<meta name="robots" content="noindex, follow"/>');
    expect(response.body).toMatch(/<a href="\/explore\?q=tram&amp;sort=views"[^>]*>Most viewed<\/a>/);
  });

  it('speaks German when asked', async () => {
    const response = await page('/explore?q=nothing-matches-this', { 'accept-language': 'de-DE,de;q=0.9' });
    expect(response.body).toContain('<html lang="de">');
    expect(response.body).toContain('Keine öffentliche Unterhaltung passt zu „nothing-matches-this“.');
  });

  it('never fails on what is typed or linked', async () => {
    expect((await page(`/explore?q=${'tram '.repeat(100)}`)).statusCode).toBe(200);
    expect((await page('/explore?sort=sideways')).statusCode).toBe(200);
    expect((await page('/explore?q=a&q=b')).statusCode).toBe(200);
    const stale = await page('/explore?cursor=garbage');
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain('This page link is not valid any more.');
  });

  it('pages with a next link that carries the search and order', async () => {
    const first = await call(t.app, 'GET', '/api/v1/shared?limit=1');
    expect(first.json().nextCursor).toBeTruthy();
    const html = (await page('/explore?sort=views')).body;
    expect(html).not.toContain('rel="next"');
  });

  it('lists in the sitemap only public shares that allow indexing and have no view limit', async () => {
    const index = await page('/sitemap.xml');
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(index.body).toContain('<loc>http://localhost:3000/sitemaps/1.xml</loc>');
    const urls = await page('/sitemaps/1.xml');
    expect(urls.statusCode).toBe(200);
    const listed = [...urls.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]);
    expect(listed).toEqual([`http://localhost:3000/s/${code.indexed}`]);
    expect(urls.body).toMatch(/<lastmod>\d{4}-\d\d-\d\dT[^<]+<\/lastmod>/);
    expect((await page('/sitemaps/0.xml')).statusCode).toBe(404);
    expect((await page('/sitemaps/x.xml')).statusCode).toBe(404);
  });

  it('leaves a revoked share out of the sitemap at once', async () => {
    const share = await publish(t, owner, talk('Sintra palaces', 'Pena or Regaleira?'), { allowIndexing: true });
    expect((await page('/sitemaps/1.xml')).body).toContain(share.shortCode);
    await call(t.app, 'DELETE', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer });
    expect((await page('/sitemaps/1.xml')).body).not.toContain(share.shortCode);
  });

  it('keeps crawlers out of the app, the API and embeds, and points them to the sitemap', async () => {
    const robots = await page('/robots.txt');
    expect(robots.statusCode).toBe(200);
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    for (const line of ['User-agent: *', 'Disallow: /app', 'Disallow: /api', 'Disallow: /embed']) {
      expect(robots.body.split('\n')).toContain(line);
    }
    expect(robots.body).toContain('Sitemap: http://localhost:3000/sitemap.xml');
  });

  it('rate-limits listings and searches per address', async () => {
    const limited = await buildTestApp({}, { rateLimits: { explore: { max: 2, windowMs: 60_000 } } });
    try {
      for (const path of ['/explore', '/api/v1/shared']) {
        expect((await call(limited.app, 'GET', path, { ip: '203.0.113.9' })).statusCode).toBe(200);
        expect((await call(limited.app, 'GET', `${path}?q=x`, { ip: '203.0.113.9' })).statusCode).toBe(200);
        const blocked = await call(limited.app, 'GET', `${path}?q=y`, { ip: '203.0.113.9' });
        expect(blocked.statusCode).toBe(429);
        expect(blocked.headers['retry-after']).toBeDefined();
        expect((await call(limited.app, 'GET', path, { ip: '203.0.113.10' })).statusCode).toBe(200);
      }
    } finally {
      await limited.close();
    }
  });
});
