/**
 * Rotating a link in Chromium, from the share dialog and from the links page: a confirmation
 * step first (axe-clean, screenshotted), then a new address; the old one is a 404 at once for
 * a reader in another browser profile, and the new one opens.
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

beforeAll(async () => {
  if (!hasChromium) return;
  web = await startWeb();
  owner = await openTab(web.browser);
  reader = await openTab(web.browser);
  await signUpInApp(owner.page, web.base, uniqueEmail('rotate'));
}, 180_000);
afterAll(async () => {
  await reader?.close();
  await owner?.close();
  await web?.close();
});

async function createConversation(page: Page, title: string): Promise<string> {
  const created = await page.request.post(`${web.base}/api/v1/conversations`, {
    headers: { origin: web.base, 'content-type': 'application/json' },
    data: {
      title,
      messages: [
        { id: 'q', parentId: null, role: 'user', parts: [{ type: 'text', text: `Tell me about ${title}` }] },
        { id: 'a', parentId: 'q', role: 'assistant', parts: [{ type: 'text', text: 'Gladly, here it is.' }] },
      ],
    },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

/** What a reader gets at `url`: the status, and the conversation's first message once it shows. */
async function readAs(tab: Tab, url: string): Promise<number> {
  const response = await tab.page.goto(url);
  const status = response?.status() ?? 0;
  if (status === 200) await tab.page.locator('.cs-message').first().waitFor();
  return status;
}

describe.skipIf(!hasChromium)('rotating a link', () => {
  it('makes a new link from the share dialog after a confirmation; the old one is a 404 at once', async () => {
    const { page } = owner;
    const title = 'Dialog rotation';
    await createConversation(page, title);
    await page.goto(`${web.base}/app/conversations`);
    await page.getByRole('button', { name: `Share “${title}”` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const field = dialog.getByLabel('Link', { exact: true });
    await expect.poll(() => field.inputValue()).toMatch(/\/s\/\w{12}$/);
    const oldUrl = await field.inputValue();
    expect(await readAs(reader, oldUrl)).toBe(200);

    await dialog.getByRole('button', { name: 'New link' }).click();
    const step = dialog.getByRole('group', { name: 'Replace this link with a new one?' });
    await step.waitFor();
    expect(await step.textContent()).toContain('The current link stops working at once, for everyone');
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await step.scrollIntoViewIfNeeded();
    await screenshot(page, 'web/dialog-rotate-confirm');

    await step.getByRole('button', { name: 'Yes, make a new link' }).click();
    await dialog.getByText('New link made. The old link no longer works.').waitFor();
    await expect.poll(() => field.inputValue()).not.toBe(oldUrl);
    const newUrl = await field.inputValue();
    expect(newUrl).toMatch(/\/s\/\w{12}$/);

    expect(await readAs(reader, oldUrl)).toBe(404);
    expect(await readAs(reader, newUrl)).toBe(200);
    expect(await reader.page.locator('.cs-message').first().textContent()).toContain(`Tell me about ${title}`);
    await expectQuiet(owner);
  }, 90_000);

  it("makes a new link from the links page after a confirmation, updating the row's address", async () => {
    const { page } = owner;
    const title = 'Links page rotation';
    const id = await createConversation(page, title);
    const shared = await page.request.post(`${web.base}/api/v1/shares`, {
      headers: { origin: web.base, 'content-type': 'application/json' },
      data: { conversationId: id },
    });
    const oldUrl = ((await shared.json()) as { shareUrl: string }).shareUrl;
    expect(await readAs(reader, oldUrl)).toBe(200);

    await page.goto(`${web.base}/app/links`);
    const row = page.locator('.app-link', { hasText: title });
    const address = row.locator('.app-link-url');
    await expect.poll(async () => (await address.textContent())?.trim()).toBe(oldUrl);
    await row.getByRole('button', { name: `Give “${title}” a new link` }).click();
    const step = row.getByRole('group', { name: /^Replace this link with a new one\?/ });
    await step.waitFor();
    expect(await seriousViolations(page, '.app-links')).toEqual([]);
    await screenshot(page, 'web/links-rotate-confirm');

    await step.getByRole('button', { name: 'Make a new link' }).click();
    await page.getByText(`“${title}” has a new link. The old one no longer works.`).waitFor();
    await expect.poll(async () => (await address.textContent())?.trim()).not.toBe(oldUrl);
    const newUrl = (await address.textContent())!.trim();
    expect(newUrl).toMatch(/\/s\/\w{12}$/);
    expect(await row.getByRole('link', { name: `Open “${title}”` }).getAttribute('href')).toBe(newUrl);

    expect(await readAs(reader, oldUrl)).toBe(404);
    expect(await readAs(reader, newUrl)).toBe(200);
    await expectQuiet(owner);
  }, 90_000);
});
