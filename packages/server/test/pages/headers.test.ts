import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildConversation, call, signUp, type TestUser } from '../helpers/api.js';
import { decoded, getPage, inlineScriptSources, shareOf } from './helpers.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await signUp(t.app);
});
afterAll(() => t.close());

const mathConversation = buildConversation({
  messages: [
    { id: 'u', parentId: null, role: 'user', parts: [{ type: 'text', text: 'What is $e^{i\\pi}$?' }] },
    { id: 'a', parentId: 'u', role: 'assistant', parts: [{ type: 'text', text: '$$e^{i\\pi} + 1 = 0$$' }] },
  ],
  currentLeafId: 'a',
});

describe('Content-Security-Policy', () => {
  it('allows the page’s one script by its hash, and nothing from anywhere else', async () => {
    const share = await shareOf(t, owner);
    const response = await getPage(t, share.shortCode);
    const [source] = inlineScriptSources(response.body);
    expect(source).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
    expect(response.headers['content-security-policy']).toBe(
      [
        "default-src 'none'",
        `script-src ${source}`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
      ].join('; '),
    );
    const scripts = [...response.body.matchAll(/<script\b([^>]*)>/g)];
    expect(scripts).toHaveLength(1);
    // No attribute at all: no nonce to reuse, no src to load.
    expect(scripts[0]![1]).toBe('');
    expect(response.body).not.toMatch(/<style\b| style="/);
  });

  it('sends the same bytes and policy to every reader, in every encoding', async () => {
    const share = await shareOf(t, owner);
    const first = await getPage(t, share.shortCode);
    for (let i = 0; i < 4; i++) {
      const response = await getPage(t, share.shortCode, { headers: { 'accept-encoding': i % 2 ? 'gzip' : 'br' } });
      expect(response.headers['content-encoding']).toBe(i % 2 ? 'gzip' : 'br');
      expect(decoded(response)).toBe(first.body);
      expect(response.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    }
  });

  it('allows the KaTeX layout stylesheet by its hash, and links KaTeX’s CSS from this server', async () => {
    const share = await shareOf(t, owner, {}, mathConversation);
    const response = await getPage(t, share.shortCode);
    const style = /<style>([^<]*)<\/style>/.exec(response.body)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(response.headers['content-security-policy']).toContain(`style-src 'self' 'sha256-${hash}'`);
    expect(response.body).not.toContain(' style="');
    const katexCss = /<link rel="stylesheet" href="(\/assets\/katex-[0-9.]+\/katex\.min\.css)"\/>/.exec(
      response.body,
    )![1]!;
    const css = await call(t.app, 'GET', katexCss);
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const font = /url\((fonts\/KaTeX_Main-Regular\.woff2)\)/.exec(css.body)![1]!;
    const fontResponse = await call(t.app, 'GET', katexCss.replace('katex.min.css', font));
    expect(fontResponse.statusCode).toBe(200);
    expect(fontResponse.headers['content-type']).toBe('font/woff2');
    expect(fontResponse.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.body).not.toMatch(/https?:\/\/[^"]*\.(css|js|woff2?)/);
  });

  it('serves the viewer stylesheet the page links to, and no file outside the asset list', async () => {
    const share = await shareOf(t, owner);
    const href = /<link rel="stylesheet" href="(\/assets\/viewer-[0-9a-f]{16}\.css)"\/>/.exec(
      (await getPage(t, share.shortCode)).body,
    )![1]!;
    const css = await call(t.app, 'GET', href, { headers: { 'accept-encoding': 'br' } });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-encoding']).toBe('br');
    const katex = href.replace(/viewer-.*/, '');
    for (const path of [
      `${katex}katex-0.16.0/fonts/KaTeX_Main-Regular.woff2`,
      '/assets/viewer-0000000000000000.css',
      '/assets/katex-x/fonts/..%2F..%2Fpackage.json',
    ]) {
      expect((await call(t.app, 'GET', path)).statusCode).toBe(404);
    }
  });
});

describe('other security headers', () => {
  it('forbid sniffing, referrers and framing on pages and gates alike', async () => {
    const share = await shareOf(t, owner);
    const locked = await shareOf(t, owner, { password: 'open sesame' });
    for (const path of [share.shortCode, locked.shortCode, 'AAAAAAAAAAAA']) {
      const response = await getPage(t, path);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      // The password form must send its Origin to pass the CSRF check; browsers send
      // `Origin: null` under no-referrer, and same-origin still tells other sites nothing.
      const referrer = path === locked.shortCode ? 'same-origin' : 'no-referrer';
      expect(response.headers['referrer-policy']).toBe(referrer);
      expect(response.body).toContain(`<meta name="referrer" content="${referrer}"/>`);
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });
});

describe('search engines', () => {
  const robotsOf = async (settings: Record<string, unknown>) => {
    const share = await shareOf(t, owner, settings);
    const response = await getPage(t, share.shortCode);
    return {
      header: response.headers['x-robots-tag'],
      meta: /<meta name="robots" content="([^"]*)"\/>/.exec(response.body)?.[1],
    };
  };

  it('may index only a public link that allows it', async () => {
    expect(await robotsOf({ privacy: 'public', allowIndexing: true })).toEqual({ header: undefined, meta: undefined });
  });

  it.each([
    ['an unlisted link', { privacy: 'unlisted', allowIndexing: true }],
    ['a public link that does not allow it', { privacy: 'public' }],
    [
      'a public link with a password (its password page)',
      { privacy: 'public', allowIndexing: true, password: 'pw pw pw' },
    ],
  ])('tells them to stay away from %s', async (_name, settings) => {
    const noindex = 'noindex, nofollow';
    expect(await robotsOf(settings)).toEqual({ header: noindex, meta: noindex });
  });

  it('points the canonical link at PUBLIC_URL/s/code, whatever Host the request names', async () => {
    const share = await shareOf(t, owner, { privacy: 'public', allowIndexing: true });
    const body = (await getPage(t, share.shortCode, { headers: { host: 'evil.example' } })).body;
    expect(body).toContain(`<link rel="canonical" href="http://localhost:3000/s/${share.shortCode}"/>`);
    expect(body).toContain(`value="http://localhost:3000/s/${share.shortCode}"`);
    expect(body).not.toContain('evil.example');
  });
});
