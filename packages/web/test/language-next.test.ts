/**
 * Language and sign-in redirects in Chromium: German chosen on the account page reaches the
 * app, the share dialog and the conversation view, and stays after a reload; `next` is
 * followed only to paths on this site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectQuiet,
  hasChromium,
  openTab,
  PASSWORD,
  signUpInApp,
  startWeb,
  uniqueEmail,
  type WebHarness,
} from './helpers.js';

let web: WebHarness;
beforeAll(async () => {
  if (hasChromium) web = await startWeb();
}, 180_000);
afterAll(async () => web?.close());

describe.skipIf(!hasChromium)('language and redirects', () => {
  it('switches to German and keeps it, in the app and in the kit', async () => {
    const tab = await openTab(web.browser);
    const { page } = tab;
    await signUpInApp(page, web.base, uniqueEmail('sprache'));
    await page.request.post(`${web.base}/api/v1/conversations`, {
      headers: { origin: web.base },
      data: [
        { role: 'user', content: 'Hallo?' },
        { role: 'assistant', content: 'Hallo!' },
      ],
    });
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByLabel('Language of the app').selectOption('de');
    await page.getByRole('heading', { level: 1, name: 'Konto' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    await page.reload();
    await page.getByRole('link', { name: 'Unterhaltungen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Unterhaltungen' }).waitFor();
    await page
      .getByRole('button', { name: /teilen$/ })
      .first()
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Link erstellen' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('list', { name: 'Unterhaltungen', exact: true }).getByRole('link').first().click();
    await page.locator('.cs-message').first().waitFor();
    expect(await page.locator('.cs-author').first().textContent()).toBe('Du');
    await expectQuiet(tab);
    await tab.close();
  });

  it('follows next to a page of this site after sign-in, and never to another site', async () => {
    const email = uniqueEmail('next');
    const first = await openTab(web.browser);
    await signUpInApp(first.page, web.base, email);
    await first.close();

    for (const [next, landing] of [
      ['/app/account', `${web.base}/app/account`],
      ['https://evil.example/', `${web.base}/app/conversations`],
      ['//evil.example/x', `${web.base}/app/conversations`],
      ['/\\evil.example', `${web.base}/app/conversations`],
    ] as const) {
      const tab = await openTab(web.browser);
      await tab.page.goto(`${web.base}/app/signin?next=${encodeURIComponent(next)}`);
      await tab.page.getByLabel('Email').fill(email);
      await tab.page.getByLabel('Password').fill(PASSWORD);
      await tab.page.getByRole('button', { name: 'Sign in' }).click();
      await tab.page.waitForURL(landing);
      await tab.close();
    }
  });

  it('sends a signed-out visitor of an app page to sign-in and back', async () => {
    const tab = await openTab(web.browser);
    await tab.page.goto(`${web.base}/app/links?status=all`);
    await tab.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(tab.page.url()).searchParams.get('next')).toBe('/app/links?status=all');
    await tab.close();
  });

  it('signs out: the session ends, and app pages ask to sign in again', async () => {
    const tab = await openTab(web.browser);
    await signUpInApp(tab.page, web.base, uniqueEmail('leaving'));
    await tab.page.getByRole('link', { name: 'Shared links' }).click();
    // Moving between pages puts focus on the new page's content.
    await tab.page.getByRole('heading', { level: 1, name: 'Shared links' }).waitFor();
    expect(await tab.page.evaluate(() => document.activeElement?.id)).toBe('main');
    await tab.page.getByRole('button', { name: 'Sign out' }).click();
    await tab.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await tab.page.goto(`${web.base}/app/links`);
    await tab.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect((await tab.page.request.get(`${web.base}/api/v1/me`)).status()).toBe(401);
    await expectQuiet(tab);
    await tab.close();
  });
});
