/**
 * A burn-after-reading link in real Chromium, as an anonymous reader: the reveal step holds no
 * content, "Open it" shows the conversation once, and the link is used up after that; with
 * JavaScript and without. The page is served by the server alone (no owner app build needed).
 */
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../server/test/helpers/app.js';
import { signUp, type TestUser } from '../../server/test/helpers/api.js';
import { screenshot, VIEWPORTS, watch } from '../../server/test/browser/browser.js';
import { shareOf, storedViews } from '../../server/test/pages/helpers.js';
import { launchBrowser } from '../../server/test/browser/browser.js';
import { freePort } from '../../../scripts/free-port.js';
import { hasChromium, seriousViolations } from './helpers.js';

let t: TestApp;
let owner: TestUser;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!hasChromium) return;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  t = await buildTestApp({ publicUrl: base }, { rateLimits: { auth: { max: 1000, windowMs: 60_000 } } });
  owner = await signUp(t.app);
  await t.app.listen({ port, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const events = await watch(page);
  return { page, events, close: () => context.close() };
}

const CONTENT = 'What should I see in Lisbon?';

describe.skipIf(!hasChromium)('a burn-after-reading link in Chromium', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`is shown once after a click, then used up (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const share = await shareOf(t, owner, { maxViews: 1 });
      const { page, events, close } = await open({ javaScriptEnabled });
      try {
        const step = await page.goto(`${base}/s/${share.shortCode}`);
        expect(step?.status()).toBe(200);
        const heading = page.getByRole('heading', { level: 1 });
        expect(await heading.textContent()).toBe('This conversation can be opened 1 more time');
        // Nothing of the conversation is in the document before the click.
        const before = await page.content();
        expect(before).not.toContain('Lisbon');
        expect(await page.locator('.cs-message').count()).toBe(0);
        expect(await storedViews(t, share.settings.id)).toBe(0);

        await Promise.all([
          page.waitForURL(`**/s/${share.shortCode}/reveal`),
          page.getByRole('button', { name: 'Open it' }).click(),
        ]);
        await page.getByText(CONTENT).waitFor();
        expect(await page.locator('.cs-message').count()).toBe(2);
        expect(await storedViews(t, share.settings.id)).toBe(1);

        // Reloading the revealed page (a second POST) or opening the link again shows it no more.
        const reloaded = await page.reload();
        expect(reloaded?.status()).toBe(410);
        expect(await heading.textContent()).toBe('This link has been used up');
        expect(await page.content()).not.toContain('Lisbon');
        const again = await page.goto(`${base}/s/${share.shortCode}`);
        expect(again?.status()).toBe(410);
        expect(await heading.textContent()).toBe('This link has been used up');
        expect(await storedViews(t, share.settings.id)).toBe(1);
        const seen = await events();
        expect(seen.violations).toEqual([]);
        expect(seen.errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  it('has no serious axe violations on the reveal and used-up pages, light and dark, and is screenshotted', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const share = await shareOf(t, owner, { maxViews: 1 });
      const { page, close } = await open({ colorScheme });
      try {
        await page.goto(`${base}/s/${share.shortCode}`);
        expect(await seriousViolations(page)).toEqual([]);
        if (colorScheme === 'light') {
          await screenshot(page, 'reveal-step-desktop');
          await page.setViewportSize(VIEWPORTS.mobile);
          expect(VIEWPORTS.mobile.width).toBe(375);
          await screenshot(page, 'reveal-step-mobile');
          // Nothing wider than a phone's screen.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        } else {
          await screenshot(page, 'reveal-step-dark');
        }
        await page.getByRole('button', { name: 'Open it' }).click();
        await page.getByText(CONTENT).waitFor();
        await page.goto(`${base}/s/${share.shortCode}`);
        await page.getByRole('heading', { name: 'This link has been used up' }).waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        if (colorScheme === 'light') await screenshot(page, 'used-up-desktop');
      } finally {
        await close();
      }
    }
  });
});
