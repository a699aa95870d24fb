/**
 * German, whose labels run longest, in Chromium: the share dialog keeps the link readable and
 * each checkbox or radio beside its label on desktop and a 375 px phone; an admin's phone
 * navigation shows every item without sideways scrolling; the views chart counts in whole
 * numbers. axe finds nothing serious or critical on these pages, light or dark, and the
 * dialog and the phone navigation are saved to test-results/screenshots/web/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectQuiet,
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

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } as const;
const SIZES = [
  ['desktop', { viewport: VIEWPORTS.desktop }],
  ['phone', PHONE],
] as const;
const SCHEMES = ['light', 'dark'] as const;
const BROWSER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

let web: WebHarness;
let admin: Tab;
/** A link with one view, for the chart. */
let viewedShareId: string;

async function post(page: Page, url: string, data: unknown) {
  const response = await page.request.post(`${web.base}${url}`, { headers: { origin: web.base }, data });
  expect(response.ok()).toBe(true);
  return response.json();
}

const createConversation = (page: Page, title: string) =>
  post(page, '/api/v1/conversations', {
    title,
    messages: [
      { id: 'q', parentId: null, role: 'user', parts: [{ type: 'text', text: 'Was packe ich für Lissabon ein?' }] },
      { id: 'a', parentId: 'q', role: 'assistant', parts: [{ type: 'text', text: 'Bequeme Schuhe.' }] },
    ],
  });

/** A German tab of the admin, who signed up in English (the language follows the browser's). */
async function germanTab(options: Parameters<typeof openTab>[1]): Promise<Tab> {
  return openTab(web.browser, { ...options, locale: 'de-DE', storageState: await admin.context.storageState() });
}

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/**
 * How far each checkbox and radio in `scope` sits from the first line of its label's text,
 * vertically (centre to centre), and whether it sits left of that text rather than above it.
 */
const controlsBesideLabels = (scope: Locator) =>
  scope.evaluate((root) => {
    const firstLine = (element: Element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return range.getClientRects()[0]!;
    };
    const pairs: [HTMLInputElement, Element][] = [];
    for (const input of root.querySelectorAll<HTMLInputElement>('input[type="checkbox"], input[type="radio"]')) {
      const label = input.closest('.cs-privacy-option')?.querySelector('.cs-privacy-label') ?? input.labels?.[0];
      if (label) pairs.push([input, label]);
    }
    return pairs.map(([input, label]) => {
      const box = input.getBoundingClientRect();
      const line = firstLine(label);
      return {
        label: label.textContent,
        offset: Math.round(Math.abs(box.top + box.height / 2 - (line.top + line.height / 2))),
        beside: box.right <= line.left,
      };
    });
  });

/** The link field: its text clipped or not, and how many characters its visible width holds. */
const linkField = (field: Locator) =>
  field.evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontSize} ${style.fontFamily}`;
    const visible = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return {
      value: input.value,
      clipped: input.scrollWidth > input.clientWidth,
      characters: Math.floor(visible / (context.measureText('0'.repeat(10)).width / 10)),
    };
  });

beforeAll(async () => {
  if (!hasChromium) return;
  web = await startWeb();
  admin = await openTab(web.browser);
  // The first account is the instance's admin.
  await signUpInApp(admin.page, web.base, uniqueEmail('admin'));
  const conversation = await createConversation(admin.page, 'Ein Wochenende in Lissabon');
  const share = await post(admin.page, '/api/v1/shares', { conversationId: conversation.id });
  viewedShareId = share.settings.id;
  await web.t.app.inject({ method: 'GET', url: `/s/${share.shortCode}`, headers: { 'user-agent': BROWSER_AGENT } });
  await web.t.app.repos.shares.flushViews();
}, 180_000);
afterAll(async () => {
  await admin?.close();
  await web?.close();
});

describe.skipIf(!hasChromium)('German layouts', () => {
  for (const [size, options] of SIZES) {
    for (const colorScheme of SCHEMES) {
      it(`keeps the share dialog's link readable and its checkboxes beside their labels (${size}, ${colorScheme})`, async () => {
        const tab = await germanTab({ ...options, colorScheme });
        const { page } = tab;
        const title = `Packliste ${size} ${colorScheme}`;
        await createConversation(page, title);
        await page.goto(`${web.base}/app/conversations`);
        await page.getByRole('button', { name: `„${title}“ teilen` }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('button', { name: 'Link erstellen' }).waitFor();

        // "Öffentlich" brings out the search engine option too; every control is then on screen.
        await dialog.getByLabel('Öffentlich').check();
        await dialog.getByLabel('Suchmaschinen erlauben').waitFor();
        const controls = await controlsBesideLabels(dialog);
        expect(controls.map((control) => control.label)).toEqual(
          expect.arrayContaining([
            'Öffentlich',
            'Alle mit dem Link',
            'Nur eingeladene Personen',
            'Passwort verlangen',
            'Suchmaschinen erlauben',
            'Meinen Namen zeigen',
            'Einbetten erlauben',
          ]),
        );
        // Centred on the first line of the label's text, within 3 px, and left of it.
        expect(controls.filter((control) => control.offset > 3 || !control.beside)).toEqual([]);
        expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
        if (size === 'phone') {
          await dialog.getByLabel('Einbetten erlauben').scrollIntoViewIfNeeded();
          await shot(page, `german-dialog-${size}-${colorScheme}`);
        }

        await dialog.getByLabel('Alle mit dem Link').check();
        await dialog.getByRole('button', { name: 'Link erstellen' }).click();
        const field = dialog.getByLabel('Link', { exact: true });
        await field.waitFor();
        await field.scrollIntoViewIfNeeded();
        // The whole link is in sight (this one has 37 characters, as on a typical host), and the
        // field holds at least 36 characters, beside the long German button or above it.
        const link = await linkField(field);
        expect(link).toEqual({ ...link, clipped: false });
        expect(link.value).toHaveLength(37);
        expect(link.characters).toBeGreaterThanOrEqual(36);
        expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
        if (size === 'phone') await shot(page, `german-dialog-link-${size}-${colorScheme}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          options.viewport.width,
        );
        await expectQuiet(tab);
        await tab.close();
      });
    }
  }

  for (const colorScheme of SCHEMES) {
    it(`shows an admin every navigation item on a 375 px phone, none scrolled away (${colorScheme})`, async () => {
      const tab = await germanTab({ ...PHONE, colorScheme });
      const { page } = tab;
      await page.goto(`${web.base}/app/conversations`);
      await page.getByRole('heading', { level: 1, name: 'Unterhaltungen' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Hauptmenü' });
      const items = await nav.getByRole('link').evaluateAll((links) =>
        links.map((link) => {
          const box = link.getBoundingClientRect();
          const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return {
            name: link.textContent,
            inside: box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight,
            uncovered: hit !== null && link.contains(hit),
          };
        }),
      );
      expect(items).toEqual(
        ['Unterhaltungen', 'Geteilte Links', 'Konto', 'Admin', 'Entdecken'].map((name) => ({
          name,
          inside: true,
          uncovered: true,
        })),
      );
      expect(await nav.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `german-nav-phone-${colorScheme}`);
      await expectQuiet(tab);
      await tab.close();
    });
  }

  for (const colorScheme of SCHEMES) {
    it(`labels the views chart in whole numbers, for a link opened once (${colorScheme})`, async () => {
      const tab = await germanTab({ viewport: VIEWPORTS.desktop, colorScheme });
      const { page } = tab;
      await page.goto(`${web.base}/app/links?views=${viewedShareId}`);
      const chart = page.locator('.app-chart');
      await chart.locator('.app-chart-svg').waitFor();
      expect(await chart.locator('.app-chart-y span').allTextContents()).toEqual(['1', '0']);
      expect(await chart.locator('.app-chart-grid').count()).toBe(2);
      expect(await seriousViolations(page)).toEqual([]);
      await expectQuiet(tab);
      await tab.close();
    });
  }
});
