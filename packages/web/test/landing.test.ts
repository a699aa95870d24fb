/**
 * The instance's front page (`/`) and the signed-out owner app in Chromium: the page says what
 * the service does and leads in (sign-up only where it is open, the conversations for someone
 * signed in), works without a script, has no serious or critical axe violation in light or
 * dark, fits 375 px; screenshots go to test-results/screenshots/web/. The signed-out app asks
 * who is signed in without a failing request, so nothing shows as an error in the console.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page, Request, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  openTab,
  SCREENSHOTS,
  seriousViolations,
  signUpInApp,
  startWeb,
  uniqueEmail,
  VIEWPORTS,
  type Tab,
  type WebHarness,
} from './helpers.js';

let web: WebHarness;

beforeAll(async () => {
  if (!hasChromium) return;
  web = await startWeb();
});
afterAll(() => web?.close());

/**
 * The page's requests: every answer of 400 or more and every request that got no answer at
 * all, the ones still under way, and the status of each `GET /api/v1/auth/session`.
 */
function watchRequests(page: Page) {
  const watched = { failures: [] as string[], pending: new Set<Request>(), sessions: [] as number[] };
  page.on('request', (request) => watched.pending.add(request));
  page.on('requestfinished', (request) => watched.pending.delete(request));
  page.on('requestfailed', (request) => {
    watched.pending.delete(request);
    watched.failures.push(`failed ${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on('response', (response: Response) => {
    if (response.status() >= 400) watched.failures.push(`${response.status()} ${response.url()}`);
    if (new URL(response.url()).pathname === '/api/v1/auth/session') watched.sessions.push(response.status());
  });
  return watched;
}

/** Everything logged as an error, 4xx answers included (Chromium logs those too). */
async function consoleErrors(tab: Tab): Promise<string[]> {
  const events = await tab.events();
  return [...events.errors, ...events.violations, ...events.console.filter((line) => line.startsWith('error'))];
}

async function openFrontPage(tab: Tab) {
  const response = await tab.page.goto(`${web.base}/`);
  if (!response) throw new Error('no response for /');
  return response;
}

const links = (page: Page) =>
  page
    .locator('a')
    .evaluateAll((anchors) =>
      anchors.map((anchor) => `${anchor.textContent?.trim()} -> ${anchor.getAttribute('href')}`),
    );

describe.skipIf(!hasChromium)('the front page', () => {
  it('says what the service does, leads to sign-up and sign-in, and needs no script', async () => {
    const tab = await openTab(web.browser);
    try {
      const response = await openFrontPage(tab);
      const { page } = tab;
      expect(response.status()).toBe(200);
      const headers = response.headers();
      expect(headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'none'; /);
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['cache-control']).toBe('private, no-cache');

      await expect(page.title()).resolves.toBe('chatshare: share AI chat conversations by link');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Share AI chat conversations by link');
      const text = (await page.locator('main').textContent()) ?? '';
      for (const words of ['ChatGPT', 'Claude', 'Open WebUI', 'LibreChat', 'OpenAI messages']) {
        expect(text).toContain(words);
      }
      for (const words of ['Public', 'unlisted', 'private', 'password', 'expiry', 'Revoke it at any time']) {
        expect(text).toContain(words);
      }
      expect(await links(page)).toEqual([
        'chatshare -> /',
        'Explore -> /explore',
        'Create account -> /app/signup',
        'Sign in -> /app/signin',
        'API documentation -> /api/docs',
      ]);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.getByText('New accounts on this instance are created by its admins.').count()).toBe(0);

      // The links lead where they say.
      await page.getByRole('link', { name: 'Create account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
      await page.goBack();
      await page.getByRole('link', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(await consoleErrors(tab)).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('speaks German to a German browser', async () => {
    const tab = await openTab(web.browser, { locale: 'de-DE' });
    try {
      await openFrontPage(tab);
      expect(await tab.page.locator('html').getAttribute('lang')).toBe('de');
      expect(await tab.page.getByRole('heading', { level: 1 }).textContent()).toBe('KI-Chats per Link teilen');
      await tab.page.getByRole('link', { name: 'Konto erstellen' }).waitFor();
    } finally {
      await tab.close();
    }
  });

  it('offers only sign-in when sign-up is off, and says who creates accounts', async () => {
    // The page reads the instance settings on each request; one server serves both cases.
    web.t.config.enableSignup = false;
    const tab = await openTab(web.browser);
    try {
      await openFrontPage(tab);
      expect(await links(tab.page)).toEqual([
        'chatshare -> /',
        'Explore -> /explore',
        'Sign in -> /app/signin',
        'API documentation -> /api/docs',
      ]);
      await tab.page.getByText('New accounts on this instance are created by its admins.').waitFor();
      // The app says the same, instead of offering a form the server would refuse.
      await tab.page.getByRole('link', { name: 'Sign in' }).click();
      await tab.page.getByText('New accounts on this instance are created by its admins.').waitFor();
      expect(await tab.page.getByRole('link', { name: 'Create one' }).count()).toBe(0);
      await tab.page.goto(`${web.base}/app/signup`);
      await tab.page.getByText('New accounts on this instance are created by its admins.').waitFor();
      expect(await tab.page.getByRole('button', { name: 'Create account' }).isVisible()).toBe(false);
    } finally {
      web.t.config.enableSignup = true;
      await tab.close();
    }
  });

  it('says every link is private on an instance without open sharing', async () => {
    web.t.config.enableOpenSharing = false;
    const tab = await openTab(web.browser);
    try {
      await openFrontPage(tab);
      const text = (await tab.page.locator('main').textContent()) ?? '';
      expect(text).toContain('On this instance every link is private');
      expect(text).not.toContain('unlisted');
    } finally {
      web.t.config.enableOpenSharing = true;
      await tab.close();
    }
  });

  it('offers a signed-in visitor their conversations instead of sign-in', async () => {
    const tab = await openTab(web.browser);
    try {
      await signUpInApp(tab.page, web.base, uniqueEmail('landing'));
      await openFrontPage(tab);
      expect(await links(tab.page)).toEqual([
        'chatshare -> /',
        'Explore -> /explore',
        'Open your conversations -> /app/conversations',
        'API documentation -> /api/docs',
      ]);
      await tab.page.getByRole('link', { name: 'Open your conversations' }).click();
      await tab.page.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor();
    } finally {
      await tab.close();
    }
  });

  it('has no serious or critical axe violation in light or dark, fits 375 px, and is photographed', async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    const sizes = { desktop: VIEWPORTS.desktop, '375': { width: 375, height: 740 } } as const;
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [size, viewport] of Object.entries(sizes)) {
        const tab = await openTab(web.browser, { colorScheme, viewport });
        try {
          await openFrontPage(tab);
          const background = await tab.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          // The dark palette is really in use (the page's own, not the browser's default).
          expect(background).toBe(colorScheme === 'dark' ? 'rgb(11, 13, 16)' : 'rgb(247, 248, 250)');
          expect(await seriousViolations(tab.page)).toEqual([]);
          expect(await tab.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
            viewport.width,
          );
          await tab.page.screenshot({
            path: path.join(SCREENSHOTS, `landing-${colorScheme}-${size}.png`),
            fullPage: true,
          });
        } finally {
          await tab.close();
        }
      }
    }
  });
});

describe.skipIf(!hasChromium)('the signed-out owner app', () => {
  // A tab per page: moving on in the same tab would cut its favicon request short.
  it.each([
    ['/app/', 'Sign in'],
    ['/app/signin', 'Sign in'],
    ['/app/signup', 'Create an account'],
  ])('makes no failing request and logs no error on %s', async (address, heading) => {
    const tab = await openTab(web.browser);
    const watched = watchRequests(tab.page);
    try {
      const loaded = await tab.page.goto(`${web.base}${address}`);
      expect(loaded?.status()).toBe(200);
      // /app/ sends a signed-out visitor to sign-in.
      await tab.page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await expect.poll(() => watched.pending.size).toBe(0);
      // The page asked who is signed in, and "nobody" was a plain answer.
      expect(watched.sessions).toEqual([200]);
      expect(watched.failures).toEqual([]);
      expect(await consoleErrors(tab)).toEqual([]);

      // The watchers do see a failing request: the old way of asking shows up in both.
      await tab.page.evaluate(() => fetch('/api/v1/me').then(() => undefined));
      await expect.poll(() => watched.failures).toContain(`401 ${web.base}/api/v1/me`);
      await expect.poll(() => consoleErrors(tab)).toContainEqual(expect.stringMatching(/status of 401/));
    } finally {
      await tab.close();
    }
  });
});
