/**
 * The page of the link in the verification mail (`GET /api/v1/auth/verify?token=…`): styled
 * like the other server-rendered pages, in their frame, with their headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, signUp } from '../helpers/api.js';
import { getPage } from './helpers.js';

let t: TestApp;
beforeAll(async () => void (t = await buildTestApp()));
afterAll(() => t.close());

/** The path of the last verification link mailed to `email`. */
const linkFor = (email: string) => {
  const mail = [...t.mailer.sent].reverse().find((message) => message.to === email)!;
  const url = new URL(mail.text.match(/https?:\/\/\S+/)![0]);
  return `${url.pathname}${url.search}`;
};

const STYLESHEET = /<link rel="stylesheet" href="(\/assets\/viewer-[0-9a-f]{16}\.css)"\/>/;

/** The frame every plain page has: the instance bar, the main part, the footer. */
function expectFrame(html: string) {
  expect(html.startsWith('<!DOCTYPE html><html lang=')).toBe(true);
  expect(html).toMatch(/<header class="site-bar">[\s\S]*<main class="site-main">[\s\S]*<footer class="site-footer">/);
  expect(html).not.toContain('style="');
}

describe('the "email confirmed" page', () => {
  it('confirms the address in the frame and with the stylesheet of the share pages', async () => {
    const user = await signUp(t.app);
    const response = await call(t.app, 'GET', linkFor(user.email));
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expectFrame(html);
    expect(html).toContain('<section class="gate gate-email-confirmed">');
    expect(html).toContain('<h1>Your email address is confirmed</h1>');
    expect(html).toContain('<a class="gate-button" href="/app/">Continue</a>');
    expect(html).toContain('<title>Your email address is confirmed · chatshare</title>');
    // The same stylesheet as a gate page links, and it is served.
    const gate = (await getPage(t, 'AAAAAAAAAAAA')).body;
    const href = STYLESHEET.exec(html)?.[1];
    expect(href).toBeDefined();
    expect(STYLESHEET.exec(gate)?.[1]).toBe(href);
    expect((await call(t.app, 'GET', href!)).statusCode).toBe(200);
    // The page headers: the stylesheet may load, the token in the URL is sent nowhere.
    expect(response.headers['content-security-policy']).toContain("style-src 'self'");
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['x-robots-tag']).toContain('noindex');
    const me = await call(t.app, 'GET', '/api/v1/me', { auth: user.bearer });
    expect(me.json().user.emailVerified).toBe(true);
  });

  it('says so, in the same frame, when the link does not work', async () => {
    const response = await call(t.app, 'GET', '/api/v1/auth/verify?token=not-a-token');
    expect(response.statusCode).toBe(400);
    expectFrame(response.body);
    expect(response.body).toMatch(STYLESHEET);
    expect(response.body).toContain('<section class="gate gate-email-invalid">');
    expect(response.body).toContain('This confirmation link does not work');
  });

  it('speaks German to a German browser', async () => {
    const user = await signUp(t.app);
    const response = await call(t.app, 'GET', linkFor(user.email), { headers: { 'accept-language': 'de' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="de"');
    expect(response.body).toContain('Deine E-Mail-Adresse ist bestätigt');
  });
});
