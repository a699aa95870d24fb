/** The share pages in real Chromium: how they look, copy buttons, and every gate, end to end. */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
import { buildHighlightConversation } from '../fixtures/highlight-samples.js';
import { buildRichConversation } from '../fixtures/rich-conversation.js';
import { shareOf } from '../pages/helpers.js';
import { hasChromium, launchBrowser, listen, screenshot, VIEWPORTS, watch } from './browser.js';
import { expectQuiet } from './inspect.js';

let t: TestApp;
let owner: TestUser;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!hasChromium) return;
  t = await buildTestApp({}, { rateLimits: { auth: { max: 1000, windowMs: 60_000 } } });
  owner = await signUp(t.app);
  base = await listen(t.app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A fresh page that records everything; `failed` lists responses of 400 and above. */
async function open(options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const events = await watch(page);
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().includes('/s/'))
      failed.push(`${response.status()} ${response.url()}`);
  });
  return { page, events, failed, close: () => context.close() };
}

/**
 * Runs in the page: the selectors of every stylesheet rule for highlight.js tokens, which of
 * them match nothing, and each token whose text colour has less than 4.5:1 (WCAG AA for body
 * text) against the background painted under it, as computed by the browser.
 */
function tokenContrast() {
  const channels = (color: string) => {
    const match = /^rgba?\(([^)]+)\)$/.exec(color);
    if (!match) throw new Error(`unexpected colour ${color}`);
    const [r = 0, g = 0, b = 0, a = 1] = match[1]!
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return { r, g, b, a };
  };
  type Rgba = ReturnType<typeof channels>;
  const over = (top: Rgba, below: Rgba): Rgba => ({
    r: top.r * top.a + below.r * (1 - top.a),
    g: top.g * top.a + below.g * (1 - top.a),
    b: top.b * top.a + below.b * (1 - top.a),
    a: 1,
  });
  const background = (element: Element): Rgba => {
    const layers: Rgba[] = [];
    for (let node: Element | null = element; node; node = node.parentElement) {
      const layer = channels(getComputedStyle(node).backgroundColor);
      if (layer.a > 0) layers.push(layer);
      if (layer.a === 1) break;
    }
    return layers.reduceRight((below, layer) => over(layer, below), { r: 255, g: 255, b: 255, a: 1 });
  };
  const luminance = ({ r, g, b }: Rgba) => {
    const linear = (value: number) => {
      const c = value / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const ratio = (a: Rgba, b: Rgba) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (light + 0.05) / (dark + 0.05);
  };

  const selectors = new Set<string>();
  const collect = (rules: CSSRuleList) => {
    for (const rule of Array.from(rules)) {
      if (rule instanceof CSSStyleRule && rule.selectorText.includes('.hljs-'))
        rule.selectorText.split(',').forEach((selector) => selectors.add(selector.trim()));
      else if (rule instanceof CSSGroupingRule) collect(rule.cssRules);
    }
  };
  for (const sheet of Array.from(document.styleSheets)) collect(sheet.cssRules);
  const unmatched = [...selectors].filter((selector) => !document.querySelector(selector));

  const failures: string[] = [];
  const elements = new Set<Element>(document.querySelectorAll('.cs-code pre code'));
  for (const selector of selectors) document.querySelectorAll(selector).forEach((element) => elements.add(element));
  for (const element of elements) {
    const back = background(element);
    const text = over(channels(getComputedStyle(element).color), back);
    const contrast = ratio(text, back);
    if (contrast < 4.5)
      failures.push(
        `${element.className} "${element.textContent}": ${getComputedStyle(element).color} ${contrast.toFixed(2)}:1`,
      );
  }
  return { unmatched, failures, checked: elements.size };
}

describe.skipIf(!hasChromium)('the conversation page in Chromium', () => {
  it('looks right on desktop and mobile, light and dark, with nothing blocked or missing', async () => {
    const share = await shareOf(t, owner, { showAuthor: true }, buildRichConversation());
    for (const [device, viewport] of Object.entries(VIEWPORTS)) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { page, events, failed, close } = await open({ viewport, colorScheme });
        const response = await page.goto(`${base}/s/${share.shortCode}`);
        expect(response?.status()).toBe(200);
        await page.evaluate(() => document.fonts.ready);
        expect(await page.locator('.cs-message').count()).toBe(6);
        // Math is laid out by KaTeX's stylesheet and fonts from this server.
        expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
        expect(await page.locator('.katex-html').first().isVisible()).toBe(true);
        // Nothing wider than the screen: long lines scroll inside their own box.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        await screenshot(page, `conversation-${device}-${colorScheme}`);
        expectQuiet(await events());
        expect((await events()).console).toEqual([]);
        expect(failed).toEqual([]);
        await close();
      }
    }
  });

  it('fits a 320 px screen', async () => {
    const share = await shareOf(t, owner, {}, buildRichConversation());
    const { page, close } = await open({ viewport: { width: 320, height: 640 } });
    await page.goto(`${base}/s/${share.shortCode}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await close();
  });

  it('colours every highlighted token with at least 4.5:1 contrast on the code background, light and dark', async () => {
    const share = await shareOf(t, owner, {}, buildHighlightConversation());
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, close } = await open({ viewport: VIEWPORTS.desktop, colorScheme });
      await page.goto(`${base}/s/${share.shortCode}`);
      const { unmatched, failures, checked } = await page.evaluate(tokenContrast);
      // Every token rule of the stylesheet applies to something in the sample, so all are judged.
      expect(unmatched).toEqual([]);
      expect(checked).toBeGreaterThan(40);
      expect(failures).toEqual([]);
      await close();
    }
  });

  it('copies the link and code with the buttons the script reveals', async () => {
    const share = await shareOf(t, owner, {}, buildRichConversation());
    const { page, events, close } = await open({ viewport: VIEWPORTS.desktop });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await page.goto(`${base}/s/${share.shortCode}`);
    const linkButton = page.locator('button[data-copy="link"]');
    expect(await linkButton.isVisible()).toBe(true);
    await linkButton.click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `http://localhost:3000/s/${share.shortCode}`,
    );
    expect(await linkButton.textContent()).toBe('Copied');
    const codeButton = page.locator('.cs-code button[data-copy="code"]').first();
    await codeButton.click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith('import re\nfrom collections import Counter\n')).toBe(true);
    expectQuiet(await events());
    await close();
  });

  it('works without JavaScript: the same content, the link selectable, no dead buttons', async () => {
    const share = await shareOf(t, owner, {}, buildRichConversation());
    const { page, close } = await open({ viewport: VIEWPORTS.mobile, javaScriptEnabled: false });
    await page.goto(`${base}/s/${share.shortCode}`);
    expect(await page.locator('.cs-message').count()).toBe(6);
    expect(await page.locator('button[data-copy]').first().isVisible()).toBe(false);
    expect(await page.locator('#cs-share-link').inputValue()).toBe(`http://localhost:3000/s/${share.shortCode}`);
    expect(await page.locator('.cs-reasoning').first().getAttribute('open')).toBeNull();
    await page.locator('.cs-reasoning summary').first().click();
    expect(await page.locator('.cs-reasoning').first().getAttribute('open')).toBe('');
    await screenshot(page, 'conversation-mobile-no-javascript');
    await close();
  });

  it('prints without the link field and buttons', async () => {
    const share = await shareOf(t, owner, {}, buildRichConversation());
    const { page, close } = await open({ viewport: VIEWPORTS.desktop });
    await page.goto(`${base}/s/${share.shortCode}`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.copy-link').isVisible()).toBe(false);
    expect(await page.locator('.cs-copy').first().isVisible()).toBe(false);
    expect(await page.locator('.cs-message').first().isVisible()).toBe(true);
    await close();
  });
});

describe.skipIf(!hasChromium)('the gates in Chromium', () => {
  async function expectGate(page: Page, status: number, heading: string) {
    expect(await page.locator('h1').textContent()).toBe(heading);
    expect(await page.locator('.cs-message').count()).toBe(0);
    return status;
  }

  it('takes the password through the form and then shows the conversation', async () => {
    const share = await shareOf(t, owner, { password: 'open sesame' }, buildRichConversation());
    const { page, events, close } = await open({ viewport: VIEWPORTS.desktop });
    const locked = await page.goto(`${base}/s/${share.shortCode}`);
    expect(locked?.status()).toBe(401);
    await expectGate(page, 401, 'This conversation is protected');
    await screenshot(page, 'password-desktop');
    await page.fill('#cs-password', 'not it');
    await Promise.all([page.waitForURL(/error=wrong_password/), page.click('button[type="submit"]')]);
    expect(await page.locator('.gate-error').textContent()).toBe('Wrong password. Try again.');
    await page.fill('#cs-password', 'open sesame');
    await Promise.all([page.waitForURL(`${base}/s/${share.shortCode}`), page.click('button[type="submit"]')]);
    expect(await page.locator('.cs-message').count()).toBe(6);
    expectQuiet(await events());
    await close();
  });

  it('shows the same not-found page, with sign-in, for a private link', async () => {
    const share = await shareOf(t, owner, { privacy: 'private', allowedEmails: ['friend@example.com'] });
    const { page, close } = await open({ viewport: VIEWPORTS.mobile });
    const response = await page.goto(`${base}/s/${share.shortCode}`);
    expect(response?.status()).toBe(404);
    await expectGate(page, 404, 'This link does not exist');
    expect(await page.locator('a.gate-button').getAttribute('href')).toBe(`/app/signin?next=%2Fs%2F${share.shortCode}`);
    await screenshot(page, 'not-found-mobile');
    await close();
  });

  it('shows "this link has expired" once the time is up', async () => {
    const share = await shareOf(t, owner, { expiresIn: 1 });
    const { page, close } = await open({ viewport: VIEWPORTS.desktop });
    expect((await page.goto(`${base}/s/${share.shortCode}`))?.status()).toBe(200);
    t.clock.advance(3600_000);
    expect((await page.reload())?.status()).toBe(410);
    await expectGate(page, 410, 'This link has expired');
    await screenshot(page, 'expired-desktop');
    await close();
  });

  it('is not found on the reload right after a revoke', async () => {
    const share = await shareOf(t, owner);
    const { page, close } = await open({ viewport: VIEWPORTS.desktop });
    expect((await page.goto(`${base}/s/${share.shortCode}`))?.status()).toBe(200);
    expect((await page.reload())?.status()).toBe(200);
    await call(t.app, 'DELETE', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer });
    expect((await page.reload())?.status()).toBe(404);
    await expectGate(page, 404, 'This link does not exist');
    await close();
  });
});
