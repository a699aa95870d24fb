/**
 * Choosing what to share in Chromium: the dialog starts with the branch on screen, picks a
 * range with a preview of exactly what the link will show, and "Update link" later refreshes
 * that range, not the whole current branch. A reader in another browser profile checks what
 * is public. Screenshots of the dialog's "What to share" step, desktop and 375 px, light and dark.
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
let reader: Tab;

beforeAll(async () => {
  if (!hasChromium) return;
  web = await startWeb();
  owner = await openTab(web.browser);
  reader = await openTab(web.browser);
  await signUpInApp(owner.page, web.base, uniqueEmail('selection'));
}, 180_000);
afterAll(async () => {
  await reader?.close();
  await owner?.close();
  await web?.close();
});

const text = (value: string) => [{ type: 'text', text: value }];

async function api(page: Page, method: 'post', path: string, data: unknown) {
  const response = await page.request[method](`${web.base}${path}`, {
    headers: { origin: web.base, 'content-type': 'application/json' },
    data,
  });
  expect(response.ok()).toBe(true);
  return (await response.json()) as { id: string };
}

/** Four messages on the current branch and another answer to the first question. */
const createTree = (page: Page, title: string) =>
  api(page, 'post', '/api/v1/conversations', {
    title,
    messages: [
      { id: 'q1', parentId: null, role: 'user', parts: text('How do tides work?') },
      { id: 'a1', parentId: 'q1', role: 'assistant', parts: text('The Moon pulls on the oceans.') },
      { id: 'q2', parentId: 'a1', role: 'user', parts: text('Why two a day?') },
      { id: 'a2', parentId: 'q2', role: 'assistant', parts: text('There is a bulge on each side of the Earth.') },
      { id: 'a1b', parentId: 'q1', role: 'assistant', parts: text('An answer about the Sun instead.') },
    ],
    currentLeafId: 'a2',
  });

/** The texts of the messages a reader sees at `url`. */
async function readerSees(url: string): Promise<string[]> {
  await reader.page.goto(url);
  await reader.page.locator('.cs-message').first().waitFor();
  return reader.page.locator('.cs-message .cs-message-body').allInnerTexts();
}

describe.skipIf(!hasChromium)('choosing what to share', () => {
  it('shares the chosen exchange, shows it first, and "Update link" keeps it', async () => {
    const { page } = owner;
    const { id } = await createTree(page, 'Tides');
    await page.goto(`${web.base}/app/conversations/${id}`);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const what = dialog.getByRole('group', { name: 'What to share' });
    await what.getByLabel('From').selectOption({ label: '3. You: Why two a day?' });
    // Up to this answer, not "the latest message": later messages stay out of the link.
    await what.getByLabel('To').selectOption('4');
    await what.getByText('The link shows 2 of 4 messages:').waitFor();
    expect(await what.getByRole('list', { name: 'What the link shows' }).getByRole('listitem').allInnerTexts()).toEqual(
      ['You Why two a day?', 'Assistant There is a bulge on each side of the Earth.'],
    );
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await screenshot(page, 'web/share-selection-desktop');

    await dialog.getByRole('button', { name: 'Create link' }).click();
    const field = dialog.getByLabel('Link', { exact: true });
    await expect.poll(() => field.inputValue()).toMatch(/\/s\/\w{12}$/);
    const url = await field.inputValue();
    expect(await readerSees(url)).toEqual(['Why two a day?', 'There is a bulge on each side of the Earth.']);

    // The conversation goes on; "Update link" refreshes the same exchange.
    await api(page, 'post', `/api/v1/conversations/${id}/messages`, {
      messages: [{ role: 'user', content: 'And spring tides?' }],
    });
    await page.reload();
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect.poll(() => what.getByLabel('From').inputValue()).toBe('2');
    expect(await what.getByLabel('To').inputValue()).toBe('4');
    await what.getByText('The link shows 2 of 5 messages:').waitFor();
    await dialog.getByRole('button', { name: 'Update link' }).click();
    await dialog.getByText('Link updated. It shows the chosen messages as they are now.').waitFor();
    expect(await readerSees(url)).toEqual(['Why two a day?', 'There is a bulge on each side of the Earth.']);
    await expectQuiet(owner);
  });

  it('offers the branch on screen, and shares it', async () => {
    const { page } = owner;
    const { id } = await createTree(page, 'Tides, another branch');
    await page.goto(`${web.base}/app/conversations/${id}`);
    await page.getByLabel('Branch').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const what = page.getByRole('dialog').getByRole('group', { name: 'What to share' });
    await expect
      .poll(() => what.getByLabel('Branch').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text))
      .toBe('Branch 2 of 2: An answer about the Sun instead.');
    expect(await what.getByRole('listitem').allInnerTexts()).toEqual([
      'You How do tides work?',
      'Assistant An answer about the Sun instead.',
    ]);
    await page.getByRole('dialog').getByRole('button', { name: 'Create link' }).click();
    const field = page.getByRole('dialog').getByLabel('Link', { exact: true });
    await expect.poll(() => field.inputValue()).toMatch(/\/s\/\w{12}$/);
    expect(await readerSees(await field.inputValue())).toEqual([
      'How do tides work?',
      'An answer about the Sun instead.',
    ]);
  });

  it('is readable at 375 px and in dark mode, with no serious axe violations', async () => {
    for (const [name, options] of [
      ['mobile', { viewport: { width: 375, height: 812 } }],
      ['dark', { colorScheme: 'dark' as const }],
    ] as const) {
      const tab = await openTab(web.browser, options);
      await tab.context.addCookies(await owner.context.cookies());
      const { id } = await createTree(tab.page, `Tides ${name}`);
      await tab.page.goto(`${web.base}/app/conversations/${id}`);
      await tab.page.getByRole('button', { name: 'Share', exact: true }).click();
      await tab.page.getByRole('dialog').getByRole('group', { name: 'What to share' }).waitFor();
      expect(await seriousViolations(tab.page, '[role="dialog"]')).toEqual([]);
      const overflow = await tab.page.evaluate(() =>
        [...document.querySelectorAll('[role="dialog"] *')]
          .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
          .map(
            (element) => `${element.tagName}.${element.className} ${Math.round(element.getBoundingClientRect().right)}`,
          ),
      );
      expect(overflow).toEqual([]);
      await screenshot(tab.page, `web/share-selection-${name}`);
      await tab.close();
    }
  });
});
