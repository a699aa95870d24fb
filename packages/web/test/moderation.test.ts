/**
 * Reports and takedown in Chromium: a reader reports a link through the share page's form with
 * JavaScript off, the admin (the first account) takes it down from the Admin page with a
 * reason, and the owner reads that reason on their links page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectQuiet,
  hasChromium,
  openTab,
  signUpInApp,
  startWeb,
  uniqueEmail,
  type Tab,
  type WebHarness,
} from './helpers.js';

let web: WebHarness;
let admin: Tab;
let owner: Tab;
let shareUrl: string;

async function api(page: Page, path: string, data: unknown) {
  const response = await page.request.post(`${web.base}${path}`, { headers: { origin: web.base }, data });
  expect(response.ok()).toBe(true);
  return response.json();
}

beforeAll(async () => {
  if (!hasChromium) return;
  web = await startWeb();
  admin = await openTab(web.browser);
  await signUpInApp(admin.page, web.base, uniqueEmail('admin'));
  owner = await openTab(web.browser);
  await signUpInApp(owner.page, web.base, uniqueEmail('owner'));
  const conversation = await api(owner.page, '/api/v1/conversations', {
    title: 'Cheap watches',
    messages: [{ id: 'q', parentId: null, role: 'user', parts: [{ type: 'text', text: 'Buy now' }] }],
  });
  shareUrl = (await api(owner.page, '/api/v1/shares', { conversationId: conversation.id })).shareUrl;
}, 180_000);
afterAll(async () => {
  await owner?.close();
  await admin?.close();
  await web?.close();
});

describe.skipIf(!hasChromium)('reports and takedown', () => {
  it('takes a report through the page form without JavaScript', async () => {
    const reader = await openTab(web.browser, { javaScriptEnabled: false });
    try {
      await reader.page.goto(shareUrl);
      await reader.page.getByRole('link', { name: 'Report' }).click();
      await reader.page.getByLabel('Spam or advertising').check();
      await reader.page.getByLabel('Anything the admins should know (optional)').fill('Ads for watches.');
      await reader.page.getByRole('button', { name: 'Send report' }).click();
      await reader.page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
      expect((await reader.events()).violations).toEqual([]);
    } finally {
      await reader.close();
    }
  });

  it('lets the admin take the link down with a reason, which its owner then reads', async () => {
    const { page } = admin;
    await page.goto(`${web.base}/app/links`);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: 'Cheap watches' });
    await item.getByText('Ads for watches.').waitFor();
    await item.getByRole('button', { name: 'Take down “Cheap watches”' }).click();
    await item.getByLabel('Reason (its owner sees it)').fill('Advertising is not allowed here.');
    await item.getByRole('button', { name: 'Take down link' }).click();
    await page.getByText('“Cheap watches” is taken down.').waitFor();
    await expectQuiet(admin);

    expect((await page.request.get(shareUrl)).status()).toBe(404);
    // The owner's app has no Admin page to offer.
    await owner.page.goto(`${web.base}/app/links`);
    await owner.page.getByText('Reason: Advertising is not allowed here.').waitFor();
    expect(await owner.page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await expectQuiet(owner);
  });
});
