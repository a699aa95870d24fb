/**
 * Real Chromium for page tests: Debian's /usr/bin/chromium through playwright-core (never a
 * downloaded browser), and a page watcher that records anything a hostile page might do.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export const SCREENSHOTS = fileURLToPath(new URL('../../../../test-results/screenshots/', import.meta.url));

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 375, height: 740 },
} as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Starts the app on 127.0.0.1 on a free port; returns its base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export async function screenshotPath(name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

/** A full-page screenshot under test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = await screenshotPath(name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface PageEvents {
  /** alert/confirm/prompt/print calls and the canary flag, recorded inside the page. */
  calls: string[];
  dialogs: string[];
  violations: string[];
  console: string[];
  errors: string[];
}

/**
 * Hooks every way a payload announces itself: the dialog functions and `print` are replaced
 * before any page script runs, a canary global is watched, and dialogs, console messages,
 * page errors and CSP violations are collected.
 */
export async function watch(page: Page): Promise<() => Promise<PageEvents>> {
  const events: Omit<PageEvents, 'calls' | 'violations'> = { dialogs: [], console: [], errors: [] };
  page.on('dialog', (dialog) => {
    events.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => events.console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => events.errors.push(error.message));
  await page.addInitScript(() => {
    const record = (name: string) => (window as unknown as { __calls: string[] }).__calls.push(name);
    const state = window as unknown as { __calls: string[]; __violations: string[] };
    state.__calls = [];
    state.__violations = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
      Object.defineProperty(window, name, {
        value: () => record(name),
        writable: false,
        configurable: false,
      });
    }
    // Payloads that only assign a global (xss = 1, window.pwned = true) trip this canary.
    for (const canary of ['xss', 'pwned', 'XSS']) {
      Object.defineProperty(window, canary, {
        get: () => undefined,
        set: () => record(`set ${canary}`),
        configurable: false,
      });
    }
    document.addEventListener('securitypolicyviolation', (event) =>
      state.__violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return async () => {
    const inPage = await page.evaluate(() => {
      const state = window as unknown as { __calls: string[]; __violations: string[] };
      return { calls: [...state.__calls], violations: [...state.__violations] };
    });
    return { ...events, ...inPage };
  };
}
