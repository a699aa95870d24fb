/**
 * Import paths and what they report, in Chromium: a dropped Claude export with one broken
 * conversation (imported and skipped, with the reason) and the same file again (already
 * imported), pasted text that is not a conversation (an inline error), and a ChatGPT
 * conversation with branches (the current one first, the others from the picker; the same
 * counts in the summary, the list and the page; a continued version updated on request).
 * Also a refused sign-in, shown inline.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
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

/** Drops a file with `content` on the import zone. */
async function drop(page: Page, name: string, content: string) {
  const dataTransfer = await page.evaluateHandle(
    ({ content, name }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], name, { type: 'application/json' }));
      return transfer;
    },
    { content, name },
  );
  const zone = page.locator('.app-dropzone');
  await zone.dispatchEvent('dragover', { dataTransfer });
  expect(await zone.getAttribute('class')).toContain('app-dropzone-active');
  await zone.dispatchEvent('drop', { dataTransfer });
}

/** The ChatGPT export with one more turn after its current node: the chat went on at the source. */
async function continuedChatgpt(): Promise<string> {
  const [conversation] = JSON.parse(await readFile(FIXTURE, 'utf8')) as Record<string, unknown>[];
  const mapping = conversation!.mapping as Record<string, { children: string[] }>;
  const current = conversation!.current_node as string;
  mapping[current]!.children.push('went-on');
  mapping['went-on'] = {
    id: 'went-on',
    parent: current,
    children: [],
    message: { id: 'went-on', author: { role: 'user' }, content: { content_type: 'text', parts: ['One more thing.'] } },
  } as unknown as { children: string[] };
  return JSON.stringify([{ ...conversation, mapping, current_node: 'went-on' }]);
}

describe.skipIf(!hasChromium)('importing in Chromium', () => {
  it('imports a dropped file and lists what was skipped, with the reason', async () => {
    const { page } = owner;
    await drop(page, 'claude-export.json', await readFile(CLAUDE, 'utf8'));
    const result = page.locator('.app-import-result', { hasText: 'claude-export.json' });
    await result.getByText('3 imported, 1 skipped.').waitFor();
    const skipped = result.getByRole('list', { name: 'Skipped conversations' }).getByRole('listitem');
    expect(await skipped.count()).toBe(1);
    expect(await skipped.textContent()).toMatch(/Skipped.*chat_messages/);
    expect(await result.getByRole('list', { name: 'Imported conversations' }).getByRole('listitem').count()).toBe(3);
    await expectQuiet(owner);
  });

  it('stores nothing twice: the same file again says all were already imported', async () => {
    const { page } = owner;
    await drop(page, 'claude-export.json', await readFile(CLAUDE, 'utf8'));
    const result = page.locator('.app-import-result', { hasText: 'claude-export.json' });
    await result.getByText('0 imported, 1 skipped. 3 already imported.').waitFor();
    const before = result.getByRole('list', { name: 'Conversations imported before' }).getByRole('listitem');
    expect(await before.count()).toBe(3);
    expect(await before.first().textContent()).toMatch(/^Already imported .+: imported before and unchanged/);
    expect(await result.getByRole('button', { name: /^Update/ }).count()).toBe(0);
    expect(await page.locator('.app-row').count()).toBe(3);
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
    // One wording for the counts: the summary, the list and the conversation's page agree.
    const counts = (await result.locator('.app-muted').first().textContent())!;
    const [, messages, branches] = /^\((\d+) messages · (\d+) branches\)$/.exec(counts) ?? [];
    expect(Number(branches)).toBeGreaterThan(1);
    const title = (await result.getByRole('link').first().textContent())!;
    const row = page.locator('.app-row', { hasText: title });
    await row.getByText(`${messages} messages · ${branches} branches`).waitFor();
    await result.getByRole('link').first().click();
    await page.getByText(`${messages} messages`, { exact: true }).first().waitFor();
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
    await page.getByText('This is not the current branch.', { exact: false }).waitFor();
    expect(await page.locator('.cs-message').allTextContents()).not.toEqual(before);

    // The chat went on at the source: a new export is reported as changed, and updated on request.
    await page.getByRole('link', { name: '← Conversations' }).click();
    await page.getByLabel('Export file').setInputFiles({
      name: 'continued.json',
      mimeType: 'application/json',
      buffer: Buffer.from(await continuedChatgpt()),
    });
    const again = page.locator('.app-import-result', { hasText: 'continued.json' });
    await again.getByText('0 imported, 0 skipped. 1 already imported.').waitFor();
    expect(await again.getByRole('listitem').textContent()).toMatch(/^Changed since import .+: imported before, and/);
    await again.getByRole('button', { name: 'Update 1 changed conversation' }).click();
    await again.getByText('0 imported, 0 skipped. 1 updated.').waitFor();
    const grown = `${Number(messages) + 1} messages · ${branches} branches`;
    expect(await again.getByRole('list', { name: 'Updated conversations' }).textContent()).toContain(grown);
    await row.getByText(grown).waitFor();
    expect(await page.locator('.app-row', { hasText: title }).count()).toBe(1);
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
