/**
 * The display name in Chromium: set on the account page (skipped at sign-up), shown as
 * "Shared by …" on a link with "Show my name" to a reader in another browser profile,
 * changed and then gone once the owner turns the option off. axe finds nothing serious on
 * the account page or the share page with the name, light and dark.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../../server/test/browser/browser.js';
import {
  expectQuiet,
  hasChromium,
  openTab,
  seriousViolations,
  signUpInApp,
  startWeb,
  uniqueEmail,
  type Tab,
  type WebHarness,
} from './helpers.js';

let web: WebHarness;
let owner: Tab;
/** A reader with a profile of their own: no session, no cookies of the owner's. */
let reader: Tab;

const TITLE = 'Notes on the Analytical Engine';

beforeAll(async () => {
  if (!hasChromium) return;
  web = await startWeb();
  owner = await openTab(web.browser);
  reader = await openTab(web.browser);
  await signUpInApp(owner.page, web.base, uniqueEmail('display-name'));
  const created = await owner.page.request.post(`${web.base}/api/v1/conversations`, {
    headers: { origin: web.base, 'content-type': 'application/json' },
    data: {
      title: TITLE,
      messages: [
        { id: 'q', parentId: null, role: 'user', parts: [{ type: 'text', text: 'Can it compute Bernoulli numbers?' }] },
        { id: 'a', parentId: 'q', role: 'assistant', parts: [{ type: 'text', text: 'Yes, with Note G.' }] },
      ],
    },
  });
  expect(created.status()).toBe(201);
}, 180_000);
afterAll(async () => {
  await reader?.close();
  await owner?.close();
  await web?.close();
});

/** Saves `name` on the account page and waits for the page to say so. */
async function saveName(page: Page, name: string, said: string): Promise<void> {
  await page.goto(`${web.base}/app/account`);
  const field = page.getByLabel('Display name');
  await field.fill(name);
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.getByRole('status').filter({ hasText: said }).waitFor();
  expect(await field.inputValue()).toBe(name.trim());
}

/** The reader's view of the header: the name shown, if any, and the whole line under the title. */
async function readerSees(url: string): Promise<{ name: string | null; meta: string }> {
  const response = await reader.page.goto(url);
  expect(response?.status()).toBe(200);
  const names = reader.page.locator('.cs-header .cs-shared-by');
  const count = await names.count();
  expect(count).toBeLessThanOrEqual(1);
  return {
    name: count === 1 ? await names.textContent() : null,
    meta: (await reader.page.locator('.cs-header .cs-meta').textContent()) ?? '',
  };
}

/** Opens the share dialog of the conversation from the conversations page. */
async function openDialog(page: Page) {
  await page.goto(`${web.base}/app/conversations`);
  await page.getByRole('button', { name: `Share “${TITLE}”` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Show my name').waitFor();
  return dialog;
}

describe.skipIf(!hasChromium)('the display name', () => {
  it('is set on the account page and shown on the link with "Show my name"; a change follows; off, it is gone', async () => {
    const { page } = owner;
    await page.goto(`${web.base}/app/account`);
    // Skipped at sign-up: the field starts empty.
    expect(await page.getByLabel('Display name').inputValue()).toBe('');
    await saveName(page, '  Ada Lovelace ', 'Your name is saved: links that show it use the new one from now on.');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'web/account-name-light');

    const dark = await openTab(web.browser, { colorScheme: 'dark', storageState: await owner.context.storageState() });
    await dark.page.goto(`${web.base}/app/account`);
    await expect.poll(() => dark.page.getByLabel('Display name').inputValue()).toBe('Ada Lovelace');
    expect(await seriousViolations(dark.page)).toEqual([]);
    await screenshot(dark.page, 'web/account-name-dark');
    await expectQuiet(dark);
    await dark.close();

    // Shared with "Show my name": the reader, signed out, sees who shared it, with the date.
    const dialog = await openDialog(page);
    await dialog.getByLabel('Show my name').check();
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const field = dialog.getByLabel('Link', { exact: true });
    await expect.poll(() => field.inputValue()).toMatch(/\/s\/\w{12}$/);
    const url = await field.inputValue();
    const shown = await readerSees(url);
    expect(shown.name).toBe('Ada Lovelace');
    expect(shown.meta).toMatch(/Shared by Ada Lovelace on \w+ \d{1,2}, \d{4}/);
    expect(await seriousViolations(reader.page)).toEqual([]);
    await screenshot(reader.page, 'web/share-page-name-light');

    const darkReader = await openTab(web.browser, { colorScheme: 'dark' });
    await darkReader.page.goto(url);
    expect(await darkReader.page.locator('.cs-header .cs-shared-by').textContent()).toBe('Ada Lovelace');
    expect(await seriousViolations(darkReader.page)).toEqual([]);
    await screenshot(darkReader.page, 'web/share-page-name-dark');
    await expectQuiet(darkReader);
    await darkReader.close();

    // A new name shows on the live link at the reader's next view, as text.
    const renamed = 'Ada "King" <b>&</b> {{date}}';
    await saveName(page, renamed, 'Your name is saved: links that show it use the new one from now on.');
    const after = await readerSees(url);
    expect(after.name).toBe(renamed);
    expect(await reader.page.locator('.cs-header .cs-shared-by *').count()).toBe(0);

    // "Show my name" off: the name is gone from the page.
    const again = await openDialog(page);
    const option = again.getByLabel('Show my name');
    expect(await option.isChecked()).toBe(true);
    await option.uncheck();
    await again.getByRole('button', { name: 'Save changes' }).click();
    await again.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
    const off = await readerSees(url);
    expect(off.name).toBeNull();
    expect(off.meta).not.toContain('Shared by');
    expect(off.meta).toMatch(/Shared on /);
    expect(await reader.page.content()).not.toContain('King');

    // Clearing the name on the account page says so and empties the field.
    await saveName(page, '', 'Your name is removed: links no longer show who shared them.');
    await expectQuiet(owner);
    await expectQuiet(reader);
  }, 120_000);
});
