/**
 * The owner app in real Chromium: the built app (built here if stale), served by a real
 * server on 127.0.0.1, with the server's test clock set to now (cookies and expiry dates are
 * then real for the browser) and mail kept in memory.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildTestApp, type TestApp } from '../../server/test/helpers/app.js';
import { hasChromium, launchBrowser, watch, type PageEvents } from '../../server/test/browser/browser.js';
import { ensureBuilt } from '../build/ensure-build.js';
import { freePort } from '../../../scripts/free-port.js';

export { hasChromium };

export const SCREENSHOTS = fileURLToPath(new URL('../../../test-results/screenshots/web/', import.meta.url));
export const FIXTURE = fileURLToPath(
  new URL('../../core/test/fixtures/chatgpt/librechat-fixture_chatgpt-tree.json', import.meta.url),
);
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 390, height: 844 },
} as const;
export const PASSWORD = 'correct horse battery staple';

export interface WebHarness {
  t: TestApp;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** `config`: instance settings for this server, e.g. `{ enableOpenSharing: false }`. */
export async function startWeb(config: Parameters<typeof buildTestApp>[0] = {}): Promise<WebHarness> {
  await ensureBuilt();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // PUBLIC_URL is this server, so the links the app shows open here.
  const t = await buildTestApp(
    { ...config, publicUrl: base },
    { rateLimits: { auth: { max: 10_000, windowMs: 60_000 } } },
  );
  t.clock.set(new Date());
  await t.app.listen({ port, host: '127.0.0.1' });
  const browser = await launchBrowser();
  return {
    t,
    base,
    browser,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

export interface Tab {
  page: Page;
  context: BrowserContext;
  events: () => Promise<PageEvents>;
  close(): Promise<void>;
}

/** A fresh browser profile (its own cookies) with one page that records errors and CSP violations. */
export async function openTab(browser: Browser, options: BrowserContextOptions = {}): Promise<Tab> {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop, ...options });
  const page = await context.newPage();
  // A missing element fails within seconds and names the locator, rather than at the test's timeout.
  page.setDefaultTimeout(10_000);
  const events = await watch(page);
  return { page, context, events, close: () => context.close() };
}

/** No alert, no page error, no CSP violation, nothing logged as an error. */
export async function expectQuiet(tab: Tab): Promise<void> {
  const events = await tab.events();
  expect(events.violations).toEqual([]);
  expect(events.errors).toEqual([]);
  expect(events.dialogs).toEqual([]);
  // Chromium logs every 4xx answer (a 401 from /me before sign-in, a 400 for a bad paste): those
  // are expected failures the app shows inline. Anything else logged as an error is not.
  expect(events.console.filter((line) => line.startsWith('error') && !/status of 4\d\d /.test(line))).toEqual([]);
  // React's development build greets the console; the app must ship the production build.
  expect(events.console.filter((line) => line.includes('React DevTools'))).toEqual([]);
}

let counter = 0;
export const uniqueEmail = (name: string) => `${name}-${Date.now()}-${++counter}@example.com`;

/** Signs up through the app's form and waits for the conversations page. */
export async function signUpInApp(page: Page, base: string, email: string, next?: string): Promise<void> {
  await page.goto(`${base}/app/signup${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  if (!next) await page.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor();
}

/** Runs axe-core in the page; returns the serious and critical violations, described. */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const source = await readFile(
    path.resolve(fileURLToPath(new URL('../../../node_modules/axe-core/axe.min.js', import.meta.url))),
    'utf8',
  );
  // Colours are judged as painted: let opening transitions finish first.
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
  // Injected through the devtools protocol, which the page's CSP does not govern.
  await page.evaluate(source);
  const results = (await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }).axe;
    return axe.run(selector ? { include: [selector] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
  }, include ?? null)) as {
    violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
  };
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes
          .map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`)
          .join('; ')})`,
    );
}

/** The link in the newest verification mail to `email`, as a path on the test server. */
export function verificationPath(t: TestApp, email: string): string {
  const mail = [...t.mailer.sent].reverse().find((message) => message.to === email);
  const link = mail?.text.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no verification mail for ${email}`);
  const url = new URL(link);
  return url.pathname + url.search;
}
