/**
 * Everyday management in Chromium: paging and search, rename and delete (with confirmation),
 * the links page's search, sort, filter, copy, update and revoke-all, and API tokens.
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
let owner: Tab;

async function api(page: Page, method: 'post' | 'get', path: string, data?: unknown) {
  const response = await page.request[method](`${web.base}${path}`, {
    headers: { origin: web.base },
    ...(data !== undefined ? { data } : {}),
  });
  expect(response.ok()).toBe(true);
  return response.json();
}

const chat = (title: string) => ({
  title,
  messages: [
    { id: 'q', parentId: null, role: 'user', parts: [{ type: 'text', text: `About ${title}` }] },
    { id: 'a', parentId: 'q', role: 'assistant', parts: [{ type: 'text', text: 'Noted.' }] },
  ],
});

beforeAll(async () => {
  if (!hasChromium) return;
  web = await startWeb();
  owner = await openTab(web.browser);
  await signUpInApp(owner.page, web.base, uniqueEmail('manage'));
  for (let i = 1; i <= 23; i++) {
    const conversation = await api(
      owner.page,
      'post',
      '/api/v1/conversations',
      chat(`Topic ${String(i).padStart(2, '0')}`),
    );
    if (i <= 3) await api(owner.page, 'post', '/api/v1/shares', { conversationId: conversation.id });
  }
}, 180_000);
afterAll(async () => {
  await owner?.close();
  await web?.close();
});

const rows = (page: Page) => page.getByRole('list', { name: 'Conversations', exact: true }).getByRole('listitem');

describe.skipIf(!hasChromium)('managing conversations, links and tokens', () => {
  it('pages through conversations, searches them, renames and deletes one', async () => {
    const { page } = owner;
    await page.goto(`${web.base}/app/conversations`);
    await expect.poll(() => rows(page).count()).toBe(20);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows(page).count()).toBe(23);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    await page.getByLabel('Search').fill('Topic 07');
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Topic 07');
    await page.getByLabel('Search').fill('no such topic');
    await page.getByText('No conversation has “no such topic” in its title.').waitFor();

    // Rename, then delete behind a confirmation; Cancel first keeps it.
    await page.getByLabel('Search').fill('Topic 02');
    await rows(page).getByRole('link', { name: 'Topic 02' }).click();
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('New title').fill('Topic two, renamed');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Topic two, renamed' }).waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete conversation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor();
    await page.getByLabel('Search').fill('renamed');
    await page.getByText('No conversation has “renamed” in its title.').waitFor();
    await expectQuiet(owner);
  });

  it('searches, sorts and filters links; copies, updates, and revokes them all', async () => {
    const { page, context } = owner;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.base });
    await page.goto(`${web.base}/app/links`);
    const titles = () => page.locator('.app-link-title').allTextContents();
    // Topic 02's conversation was deleted, which revoked its link. (The test clock stands
    // still, so the links share one creation time: order by title to see the sort.)
    await expect.poll(async () => (await titles()).sort()).toEqual(['Topic 01', 'Topic 03']);
    await page.getByLabel('Sort').selectOption({ label: 'Title Z–A' });
    await expect.poll(titles).toEqual(['Topic 03', 'Topic 01']);
    await page.getByLabel('Sort').selectOption({ label: 'Title A–Z' });
    await expect.poll(titles).toEqual(['Topic 01', 'Topic 03']);
    await page.getByRole('radio', { name: 'All' }).check();
    await expect.poll(titles).toEqual(['Topic 01', 'Topic 02', 'Topic 03']);
    expect(await page.locator('.app-link', { hasText: 'Topic 02' }).locator('.app-badges').textContent()).toContain(
      'Revoked',
    );
    await page.getByLabel('Search').fill('03');
    await expect.poll(titles).toEqual(['Topic 03']);
    await page.getByLabel('Search').fill('');

    const first = page.locator('.app-link', { hasText: 'Topic 01' });
    await first.getByRole('button', { name: 'Copy the link to “Topic 01”' }).click();
    await first.getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      (await first.locator('.app-link-url').textContent())!.trim(),
    );
    await first.getByRole('button', { name: /^Update “Topic 01”/ }).click();
    await page.getByText('“Topic 01” now shows the conversation as it is now.').waitFor();

    await page.getByRole('radio', { name: 'Live' }).check();
    await page.getByRole('button', { name: 'Revoke all' }).click();
    await page.getByRole('button', { name: 'Revoke all links' }).click();
    await page.getByText('2 links revoked.').waitFor();
    await page.getByText('No live links. Share a conversation to make one.').waitFor();
    await expectQuiet(owner);
  });

  it('creates an API token that is shown once, and revokes it', async () => {
    const { page } = owner;
    await page.goto(`${web.base}/app/account`);
    await page.getByLabel('Name', { exact: true }).fill('laptop CLI');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByRole('textbox', { name: 'The new token' }).inputValue();
    expect(secret).toMatch(/^cs_/);
    // The token works, and the list shows only its last four characters.
    const me = await page.request.get(`${web.base}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status()).toBe(200);
    const item = page.getByRole('list', { name: 'API tokens' }).getByRole('listitem').filter({ hasText: 'laptop CLI' });
    expect(await item.textContent()).toContain(`…${secret.slice(-4)}`);
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByRole('textbox', { name: 'The new token' }).count()).toBe(0);

    await item.getByRole('button', { name: 'Revoke the token “laptop CLI”' }).click();
    await item.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('Token “laptop CLI” revoked.').waitFor();
    const after = await page.request.get(`${web.base}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(after.status()).toBe(401);
    await expectQuiet(owner);
  });
});
