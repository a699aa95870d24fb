/**
 * Import paths and what they report, in Chromium: a dropped Claude export with one broken
 * conversation (imported and skipped, with the reason), pasted text that is not a
 * conversation (an inline error), and a ChatGPT conversation with branches (the current one
 * first, the others from the picker). Also a refused sign-in, shown inline.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectQuiet,
  FIXTURE,
  hasChromium,
  openTab,
  signUpInApp,
  startWeb,
  uniqueEmail,
  type Tab,
  type WebHarness,
} from './helpers.js';

const CLAUDE = fileURLToPath(
  new URL('../../core/test/fixtures/claude/own_claude-tools-branches.json', import.meta.url),
);

let web: WebHarness;
let owner: Tab;
beforeAll(async () => {
  if (!hasChromium) return;
  web = await startWeb();
  owner = await openTab(web.browser);
  await signUpInApp(owner.page, web.base, uniqueEmail('importer'));
}, 180_000);
afterAll(async () => {
  await owner?.close();
  await web?.close();
});

describe.skipIf(!hasChromium)('importing in Chromium', () => {
  it('imports a dropped file and lists what was skipped, with the reason', async () => {
    const { page } = owner;
    const text = await readFile(CLAUDE, 'utf8');
    const dataTransfer = await page.evaluateHandle((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'claude-export.json', { type: 'application/json' }));
      return transfer;
    }, text);
    const zone = page.locator('.app-dropzone');
    await zone.dispatchEvent('dragover', { dataTransfer });
    expect(await zone.getAttribute('class')).toContain('app-dropzone-active');
    await zone.dispatchEvent('drop', { dataTransfer });
    const result = page.locator('.app-import-result', { hasText: 'claude-export.json' });
    await result.getByText('3 imported, 1 skipped.').waitFor();
    const skipped = result.getByRole('list', { name: 'Skipped conversations' }).getByRole('listitem');
    expect(await skipped.count()).toBe(1);
    expect(await skipped.textContent()).toMatch(/Skipped.*chat_messages/);
    expect(await result.getByRole('list', { name: 'Imported conversations' }).getByRole('listitem').count()).toBe(3);
    await expectQuiet(owner);
  });

  it('says inline why pasted text is not a conversation', async () => {
    const { page } = owner;
    await page.getByLabel('Or paste JSON').fill('{"this": "is not a chat"}');
    await page.getByRole('button', { name: 'Import pasted JSON' }).click();
    const error = page.locator('.app-import-result').getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/\S/);
    // The text stays, so it can be fixed.
    expect(await page.getByLabel('Or paste JSON').inputValue()).toBe('{"this": "is not a chat"}');
  });

  it('shows the current branch of a ChatGPT conversation, and the others on request', async () => {
    const { page } = owner;
    await page.getByLabel('Export file').setInputFiles(FIXTURE);
    const result = page.locator('.app-import-result', { hasText: 'librechat-fixture_chatgpt-tree.json' });
    await result.getByText('1 imported, 0 skipped.').waitFor();
    await result.getByRole('link').first().click();
    const picker = page.getByLabel('Branch');
    await picker.waitFor();
    const options = await picker.locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(1);
    const current = options.findIndex((option) => option.includes('(current)'));
    expect(current).toBeGreaterThanOrEqual(0);
    expect(await picker.inputValue()).toBe(String(current));
    const before = await page.locator('.cs-message').allTextContents();
    expect(await page.getByText('This is not the current branch.', { exact: false }).count()).toBe(0);

    const other = current === 0 ? 1 : 0;
    await picker.selectOption(String(other));
    await page.getByText('This is not the current branch. A link shares the current branch.').waitFor();
    expect(await page.locator('.cs-message').allTextContents()).not.toEqual(before);
    await expectQuiet(owner);
  });

  it('shows a refused sign-in inline, never as an alert', async () => {
    const visitor = await openTab(web.browser);
    await visitor.page.goto(`${web.base}/app/signin`);
    await visitor.page.getByLabel('Email').fill('nobody@example.com');
    await visitor.page.getByLabel('Password').fill('not the password');
    await visitor.page.getByRole('button', { name: 'Sign in' }).click();
    await visitor.page.getByRole('alert').getByText('That email and password do not match an account.').waitFor();
    await expectQuiet(visitor);
    await visitor.close();
  });
});
