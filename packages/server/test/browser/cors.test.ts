/**
 * Integration model (2) in real Chromium: a page of an origin listed in CORS_ORIGINS talks to
 * chatshare directly with `fetch`, by API token or by cookie; a third origin's same calls are
 * blocked by the browser or refused by the server, and create nothing. All three origins are
 * ports of 127.0.0.1, so they are one site and the Lax session cookie travels between them:
 * the case where only the CSRF check stops a third origin's cookie write.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildConversation, signUp, type TestUser } from '../helpers/api.js';
import { hasChromium, launchBrowser, listen } from './browser.js';

/** The password signUp (helpers/api.ts) gives every account. */
const PASSWORD = 'correct horse battery';

let t: TestApp;
let user: TestUser;
let base: string;
let browser: Browser;
let sites: Server[] = [];
let appOrigin: string;
let thirdOrigin: string;

/** A blank page on its own 127.0.0.1 port: the origin a test's scripts run in. */
async function startSite(): Promise<string> {
  const site = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>app</title>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  sites.push(site);
  return `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
}

const count = async (table: 'conversations' | 'shares' | 'api_tokens') =>
  (await t.app.db.selectFrom(table).select('id').execute()).length;

async function pageAt(origin: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  return page;
}

beforeAll(async () => {
  if (!hasChromium) return;
  appOrigin = await startSite();
  thirdOrigin = await startSite();
  t = await buildTestApp({ corsOrigins: [appOrigin] }, { rateLimits: { auth: { max: 1000, windowMs: 60_000 } } });
  // The browser judges cookie expiry by its own clock.
  t.clock.set(new Date());
  user = await signUp(t.app);
  base = await listen(t.app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(sites.map((site) => new Promise((resolve) => site.close(resolve))));
  sites = [];
  await t?.close();
});

describe.skipIf(!hasChromium)('fetch from another origin, in Chromium', () => {
  it('lets the listed origin create a conversation and an unlisted share by token, and read it back', async () => {
    const page = await pageAt(appOrigin);
    const result = await page.evaluate(
      async ({ api, token, conversation }) => {
        const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
        const created = await fetch(`${api}/api/v1/conversations`, {
          method: 'POST',
          headers,
          body: JSON.stringify(conversation),
        });
        const { id } = (await created.json()) as { id: string };
        const shared = await fetch(`${api}/api/v1/shares`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ conversationId: id, privacy: 'unlisted' }),
        });
        const { shortCode } = (await shared.json()) as { shortCode: string };
        // Read back as anyone would: no token, no cookie.
        const read = await fetch(`${api}/api/v1/shared/${shortCode}`, { credentials: 'omit' });
        const body = (await read.json()) as { title: string };
        return { created: created.status, shared: shared.status, read: read.status, title: body.title };
      },
      { api: base, token: user.token, conversation: buildConversation({ title: 'Made from another origin' }) },
    );
    expect(result).toEqual({ created: 201, shared: 201, read: 200, title: 'Made from another origin' });
    await page.close();
  });

  it('blocks a third origin: its token fetch rejects before it is sent, and nothing is created', async () => {
    const before = await count('conversations');
    const page = await pageAt(thirdOrigin);
    const outcome = await page.evaluate(
      async ({ api, token, conversation }) => {
        try {
          await fetch(`${api}/api/v1/conversations`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(conversation),
          });
          return 'answered';
        } catch (error) {
          return error instanceof TypeError ? 'TypeError' : String(error);
        }
      },
      { api: base, token: user.token, conversation: buildConversation({ title: 'Should not exist' }) },
    );
    expect(outcome).toBe('TypeError');
    expect(await count('conversations')).toBe(before);
    await page.close();
  });

  it('lets the listed origin sign in and write by cookie, and refuses the same cookie from a third origin', async () => {
    const context = await browser.newContext();
    const app = await context.newPage();
    await app.goto(`${appOrigin}/`);
    const listed = await app.evaluate(
      async ({ api, email, password }) => {
        const init = {
          method: 'POST',
          credentials: 'include',
          headers: { 'content-type': 'application/json' },
        } as const;
        const signIn = await fetch(`${api}/api/v1/auth/signin`, { ...init, body: JSON.stringify({ email, password }) });
        const token = await fetch(`${api}/api/v1/tokens`, { ...init, body: JSON.stringify({ name: 'by cookie' }) });
        return { signIn: signIn.status, token: token.status };
      },
      { api: base, email: user.email, password: PASSWORD },
    );
    expect(listed).toEqual({ signIn: 200, token: 201 });

    // The third origin is the same site, so the browser sends the cookie with a form post it
    // needs no preflight for; only the CSRF check stands between it and a new token.
    const tokens = await count('api_tokens');
    const third = await context.newPage();
    await third.goto(`${thirdOrigin}/`);
    const sent = await third.evaluate(async (api) => {
      const response = await fetch(`${api}/api/v1/tokens`, {
        method: 'POST',
        mode: 'no-cors',
        credentials: 'include',
        body: new URLSearchParams({ name: 'from a third origin' }),
      });
      return response.type;
    }, base);
    expect(sent).toBe('opaque');
    expect(await count('api_tokens')).toBe(tokens);
    await context.close();
  });
});
