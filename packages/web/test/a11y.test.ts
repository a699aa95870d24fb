/**
 * Accessibility and looks of the built app in Chromium: axe-core on the conversations list,
 * the share dialog and the links page (with a chart open) shows no serious or critical
 * violation; the share dialog works with the keyboard alone; and screenshots on desktop,
 * mobile and dark go to test-results/screenshots/web/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectQuiet,
  FIXTURE,
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
let owner: Tab;
const BROWSER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

const TITLES = ['Planning a week in Lisbon', 'Refactoring the billing service', 'Notes on sourdough hydration'];

/** An owner with three shared conversations and two weeks of views on the first link. */
async function seed(page: Page): Promise<void> {
  await page.getByLabel('Export file').setInputFiles(FIXTURE);
  await page.locator('.app-import-result').getByText('1 imported, 0 skipped.').waitFor();
  const headers = { origin: web.base, 'content-type': 'application/json' };
  const codes: string[] = [];
  for (const [index, title] of TITLES.entries()) {
    const created = await page.request.post(`${web.base}/api/v1/conversations`, {
      headers,
      data: {
        title,
        messages: [
          { id: 'q', parentId: null, role: 'user', parts: [{ type: 'text', text: `Help me with: ${title}` }] },
          { id: 'a', parentId: 'q', role: 'assistant', parts: [{ type: 'text', text: 'Here is a plan.' }] },
        ],
      },
    });
    const settings = [{}, { password: 'secret words', expiresIn: 24 * 7 }, { privacy: 'public' }][index];
    const share = await page.request.post(`${web.base}/api/v1/shares`, {
      headers,
      data: { conversationId: (await created.json()).id, ...settings },
    });
    codes.push((await share.json()).shortCode);
  }
  // Views on past days for the first link, written through the same path as real views.
  const now = new Date();
  for (let daysAgo = 13; daysAgo >= 0; daysAgo--) {
    web.t.clock.set(new Date(now.getTime() - daysAgo * 86_400_000));
    const views = Math.round(3 + 4 * Math.sin(daysAgo / 2) + (13 - daysAgo) / 2);
    for (let i = 0; i < views; i++) {
      await web.t.app.inject({ method: 'GET', url: `/s/${codes[0]}`, headers: { 'user-agent': BROWSER_AGENT } });
    }
  }
  web.t.clock.set(now);
  await web.t.app.repos.shares.flushViews();
}

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: !name.startsWith('dialog') });
}

beforeAll(async () => {
  if (!hasChromium) return;
  web = await startWeb();
  owner = await openTab(web.browser);
  await signUpInApp(owner.page, web.base, uniqueEmail('a11y'));
  await seed(owner.page);
}, 180_000);
afterAll(async () => {
  await owner?.close();
  await web?.close();
});

/** The accessible name of the focused element, or its tag when it has none. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return { name: '', inDialog: false };
    const labels = (element as HTMLInputElement).labels;
    const labelled = labels && labels.length > 0 ? labels[0]!.textContent : null;
    const name = element.getAttribute('aria-label') ?? labelled ?? element.textContent ?? element.tagName;
    return { name: name.trim(), inDialog: element.closest('[role="dialog"]') !== null };
  });

async function tabTo(page: Page, name: string | RegExp, limit = 25): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    expect(now.inDialog).toBe(true);
    seen.push(now.name);
    if (typeof name === 'string' ? now.name.startsWith(name) : name.test(now.name)) return;
  }
  throw new Error(`Tab never reached ${name}; it went through: ${seen.join(' | ')}`);
}

describe.skipIf(!hasChromium)('accessibility and looks', () => {
  it('has no serious or critical axe violations on the conversations list', async () => {
    await owner.page.goto(`${web.base}/app/conversations`);
    await owner.page.getByRole('list', { name: 'Conversations', exact: true }).getByRole('link').first().waitFor();
    expect(await seriousViolations(owner.page)).toEqual([]);
  });

  it('walks through the share dialog with the keyboard alone, and axe finds nothing serious in it', async () => {
    const { page } = owner;
    await page.goto(`${web.base}/app/conversations`);
    const share = page.getByRole('button', { name: /^Share “Assist user/ });
    await share.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create link' }).waitFor();
    expect((await focused(page)).inDialog).toBe(true);
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);

    // Privacy with the arrow keys, a password, an expiry, then create, all from the keyboard.
    await tabTo(page, 'Anyone with the link');
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByLabel('Only people I invite').isChecked()).toBe(true);
    await page.keyboard.press('ArrowUp');
    expect(await dialog.getByLabel('Anyone with the link').isChecked()).toBe(true);
    await tabTo(page, 'Require a password');
    await page.keyboard.press('Space');
    await tabTo(page, 'Password');
    await page.keyboard.type('keyboard only');
    await tabTo(page, 'Link expires');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'Create link');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('Link', { exact: true }).waitFor();
    expect(await dialog.getByRole('status').first().textContent()).toContain('The link is ready.');
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);

    // Focus stays inside: forty tabs later it is still in the dialog.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press(i % 3 === 0 ? 'Shift+Tab' : 'Tab');
      expect((await focused(page)).inDialog).toBe(true);
    }
    // Stop sharing asks first; Escape cancels the question, a second Escape closes the dialog.
    await tabTo(page, 'Stop sharing', 40);
    await page.keyboard.press('Enter');
    expect((await focused(page)).name).toMatch(/^Keep sharing/);
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Stop sharing' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await focused(page)).name).toMatch(/^Share “Assist user/);
    await expectQuiet(owner);
  });

  it('has no serious or critical axe violations on the links page with a chart open', async () => {
    const { page } = owner;
    await page.goto(`${web.base}/app/links?sort=views&order=desc`);
    const first = page.locator('.app-link').first();
    await first.getByRole('button', { name: /^Views per day of/ }).click();
    await first.locator('.app-chart-svg').waitFor();
    expect(await first.locator('.app-chart-bar').count()).toBe(30);
    await first.locator('.app-chart-table summary').click();
    expect(await first.locator('.app-chart-table tbody tr').count()).toBe(30);
    expect(await seriousViolations(page)).toEqual([]);
    await expectQuiet(owner);
  });

  for (const [name, options] of [
    ['desktop', { viewport: VIEWPORTS.desktop }],
    ['mobile', { viewport: VIEWPORTS.mobile, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
    ['dark', { viewport: VIEWPORTS.desktop, colorScheme: 'dark' as const }],
  ] as const) {
    it(`looks right on ${name}: the share dialog and the links page, nothing wider than the screen`, async () => {
      const tab = await openTab(web.browser, { ...options, storageState: await owner.context.storageState() });
      const { page } = tab;
      await page.goto(`${web.base}/app/links?sort=views&order=desc`);
      const first = page.locator('.app-link').first();
      await first.getByRole('button', { name: /^Views per day of/ }).click();
      await first.locator('.app-chart-svg').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        options.viewport.width,
      );
      await shot(page, `links-${name}`);

      await page.goto(`${web.base}/app/conversations`);
      await page.getByRole('button', { name: /^Share “Planning a week/ }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        options.viewport.width,
      );
      await shot(page, `conversations-${name}`);
      await page.getByRole('button', { name: /^Share “Planning a week/ }).click();
      await page.getByRole('dialog').getByLabel('Link', { exact: true }).waitFor();
      await page.getByRole('dialog').locator('img.cs-qr').waitFor();
      expect(await page.evaluate(() => window.innerWidth)).toBeLessThanOrEqual(options.viewport.width);
      await shot(page, `dialog-${name}`);
      await expectQuiet(tab);
      await tab.close();
    });
  }
});
