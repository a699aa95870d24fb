/**
 * A private link in Chromium: shared to one email; that person signs up from the link's
 * sign-in offer (coming back to the link through `next`), confirms the address with the link
 * the server mailed, and can read it; a third account, confirmed too, gets the 404.
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
  verificationPath,
  type WebHarness,
} from './helpers.js';

let web: WebHarness;
beforeAll(async () => {
  if (hasChromium) web = await startWeb();
}, 180_000);
afterAll(async () => web?.close());

const PASTED = JSON.stringify([
  { role: 'user', content: 'Which rivers flow through Vienna?' },
  { role: 'assistant', content: 'The **Danube** and the Wien river.' },
]);

describe.skipIf(!hasChromium)('a private link in Chromium', () => {
  it('opens for the invited, verified email only', async () => {
    const owner = await openTab(web.browser);
    await signUpInApp(owner.page, web.base, uniqueEmail('owner'));
    const invited = uniqueEmail('invited');

    // Paste a conversation, share it privately with one address.
    await owner.page.getByLabel('Or paste JSON').fill(PASTED);
    await owner.page.getByRole('button', { name: 'Import pasted JSON' }).click();
    await owner.page.locator('.app-import-result').getByText('1 imported, 0 skipped.').waitFor();
    await owner.page
      .getByRole('list', { name: 'Conversations', exact: true })
      .getByRole('button', { name: /^Share “/ })
      .click();
    const dialog = owner.page.getByRole('dialog');
    await dialog.getByLabel('Only people I invite').check();
    await dialog.getByLabel('Email addresses that may open the link').fill(invited);
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const url = await dialog.getByLabel('Link', { exact: true }).inputValue();
    await owner.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The invited person, not signed in: the same 404 as for anyone, with a way to sign in.
    const guest = await openTab(web.browser);
    expect((await guest.page.goto(url))?.status()).toBe(404);
    await guest.page.getByRole('link', { name: 'Sign in' }).click();
    await guest.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(guest.page.url()).searchParams.get('next')).toBe(new URL(url).pathname);
    await guest.page.getByRole('link', { name: 'Create one' }).click();
    await guest.page.getByLabel('Email').fill(invited);
    await guest.page.getByLabel('Password').fill(PASSWORD);
    await guest.page.getByRole('button', { name: 'Create account' }).click();
    // Back at the link through `next`, still 404 until the address is confirmed.
    await guest.page.waitForURL(url);
    expect(await guest.page.locator('.cs-message').count()).toBe(0);

    // Confirm through the mailed link; then the link opens.
    const confirmed = await guest.page.goto(`${web.base}${verificationPath(web.t, invited)}`);
    expect(confirmed?.status()).toBe(200);
    const opened = await guest.page.goto(url);
    expect(opened?.status()).toBe(200);
    expect(await guest.page.locator('.cs-message').count()).toBe(2);
    expect(await guest.page.locator('.cs-message').last().textContent()).toContain('Danube');

    // A third account, confirmed as well, is not on the list: 404.
    const stranger = await openTab(web.browser);
    const strangerEmail = uniqueEmail('stranger');
    await signUpInApp(stranger.page, web.base, strangerEmail);
    await stranger.page.goto(`${web.base}${verificationPath(web.t, strangerEmail)}`);
    expect((await stranger.page.goto(url))?.status()).toBe(404);
    expect(await stranger.page.locator('.cs-message').count()).toBe(0);

    // The owner's list shows the link as private.
    await owner.page.getByRole('link', { name: 'Shared links' }).click();
    await owner.page.locator('.app-link .app-badge-private').waitFor();

    await expectQuiet(owner);
    await Promise.all([owner.close(), guest.close(), stranger.close()]);
  }, 90_000);
});
