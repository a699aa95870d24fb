/**
 * The owner's path through the built app in Chromium, against a real server: sign up, import a
 * ChatGPT export, share it unlisted with a password and a 24-hour expiry, open the link in
 * another browser profile, unlock it, read it; then revoke it in the app, and the other
 * profile gets a 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectQuiet,
  FIXTURE,
  hasChromium,
  openTab,
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

describe.skipIf(!hasChromium)('the owner app in Chromium', () => {
  it('imports, shares with a password and expiry, and revokes: the link opens, then is gone', async () => {
    const owner = await openTab(web.browser);
    const { page } = owner;
    await signUpInApp(page, web.base, uniqueEmail('owner'));

    // Import the export through the file picker; the report names the conversation.
    await page.getByLabel('Export file').setInputFiles(FIXTURE);
    const report = page.locator('.app-import-result');
    await expect.poll(() => report.textContent()).toContain('1 imported, 0 skipped.');
    const title = (await report.locator('a').first().textContent())!;
    expect(title.length).toBeGreaterThan(0);
    await page.getByRole('list', { name: 'Conversations', exact: true }).getByRole('link', { name: title }).waitFor();

    // Open it: the conversation is shown with the branch picker on the current branch.
    await report.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await page.locator('.cs-message').count()).toBeGreaterThan(1);

    // Share: unlisted (the default), a password, 24 hours.
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create link' }).waitFor();
    expect(await dialog.getByLabel('Anyone with the link').isChecked()).toBe(true);
    await dialog.getByLabel('Require a password').check();
    await dialog.getByLabel('Password', { exact: true }).fill('open sesame');
    await dialog.getByLabel('Link expires').selectOption({ label: 'In 24 hours' });
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const linkField = dialog.getByLabel('Link', { exact: true });
    await linkField.waitFor();
    const url = await linkField.inputValue();
    expect(url).toMatch(new RegExp(`^${web.base}/s/[A-Za-z0-9]{10,}$`));
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Someone else, in a fresh profile: the password gate, then the conversation.
    const viewer = await openTab(web.browser);
    const gate = await viewer.page.goto(url);
    expect(gate?.status()).toBe(401);
    await viewer.page.getByLabel('Password').fill('open sesame');
    await viewer.page.getByRole('button', { name: 'Open' }).click();
    await viewer.page.locator('.cs-message').first().waitFor();
    expect(await viewer.page.locator('.cs-title').textContent()).toBe(title);
    expect(await viewer.page.locator('.cs-message').count()).toBeGreaterThan(1);

    // Back as the owner: the link is listed with its badges; revoke it (with confirmation).
    await page.getByRole('link', { name: 'Shared links' }).click();
    await page.getByRole('heading', { level: 1, name: 'Shared links' }).waitFor();
    const item = page.locator('.app-link', { hasText: title });
    await item.waitFor();
    expect(await item.locator('.app-badges').textContent()).toContain('Unlisted');
    expect(await item.locator('.app-badges').textContent()).toContain('Password');
    expect(await item.locator('.app-badges').textContent()).toMatch(/Expires/);
    await item.getByRole('button', { name: `Revoke the link to “${title}”` }).click();
    await item.getByRole('button', { name: 'Revoke link' }).click();
    await page.getByText(`The link to “${title}” is revoked.`).waitFor();
    await expect.poll(() => page.locator('.app-link', { hasText: title }).count()).toBe(0);

    // The viewer's next request is a 404, unlock cookie or not.
    const gone = await viewer.page.reload();
    expect(gone?.status()).toBe(404);

    // The revoked filter still shows it to the owner.
    await page.getByRole('radio', { name: 'Revoked' }).check();
    await page.locator('.app-link', { hasText: title }).waitFor();

    await expectQuiet(owner);
    await owner.close();
    await viewer.close();
  }, 90_000);
});
