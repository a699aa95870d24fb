/**
 * "Save a copy" in real Chromium: a reader without an account opens a share page, saves a
 * copy, signs up on the way and lands on their copy in the owner app; the copy holds exactly
 * the branch the page showed (the conversation has two), the owner's view count does not move,
 * and a link whose owner turned copies off shows no such action while the API refuses it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../scripts/free-port.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildConversation, call, signUp, type TestUser } from '../helpers/api.js';
import { BROWSER, shareOf } from '../pages/helpers.js';
import { hasChromium, launchBrowser, screenshot, watch } from './browser.js';

let t: TestApp;
let owner: TestUser;
let browser: Browser;
let base: string;
/** The reader's browser profile: signed up during the first test, signed in for the others. */
let reader: BrowserContext;

beforeAll(async () => {
  if (!hasChromium) return;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // PUBLIC_URL is this server, so the page's links and forms stay on it.
  t = await buildTestApp({ publicUrl: base }, { rateLimits: { auth: { max: 1000, windowMs: 60_000 } } });
  // Real time: the session cookie's expiry is then real for the browser.
  t.clock.set(new Date());
  await t.app.listen({ port, host: '127.0.0.1' });
  owner = await signUp(t.app);
  browser = await launchBrowser();
  // A person's browser (headless Chromium's own User-Agent is not counted as a view).
  reader = await browser.newContext({ userAgent: BROWSER });
  // A missing element fails within seconds and names the locator, rather than at the test's timeout.
  reader.setDefaultTimeout(10_000);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const viewCountOf = async (shareId: string) =>
  (await call(t.app, 'GET', `/api/v1/shares/${shareId}`, { auth: owner.bearer })).json().settings.viewCount as number;

const texts = (messages: { parts: { type: string; text?: string }[] }[]) =>
  messages.map((message) => message.parts.map((part) => part.text ?? '').join('\n'));

async function openMenu(page: Page) {
  await page.getByText('Save or download').click();
}

describe.skipIf(!hasChromium)('saving a copy from a share page', () => {
  it('signs a new reader up on the way and lands them on a copy of exactly the shown branch', async () => {
    const share = await shareOf(t, owner, {}, buildConversation());
    const page = await reader.newPage();
    const events = await watch(page);
    await page.goto(`${base}/s/${share.shortCode}`);
    await expect.poll(() => viewCountOf(share.settings.id)).toBe(1);
    const shown = await page.locator('.cs-message').allInnerTexts();
    expect(shown.join('\n')).toContain('Start with Alfama');
    expect(shown.join('\n')).not.toContain('An older answer on another branch.');

    await openMenu(page);
    await page.getByRole('link', { name: /Save a copy/ }).click();
    await page.getByText('You sign in or create an account first').waitFor();
    await screenshot(page, 'reader-copy-page');
    await page.getByRole('button', { name: 'Sign in and save a copy' }).click();
    await page.waitForURL(/\/app\/signin\?next=/);
    await page.getByRole('link', { name: 'Create one' }).click();
    await page.waitForURL(/\/app\/signup\?next=/);
    const email = `reader-${Date.now()}@example.com`;
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.waitForURL(/\/app\/conversations\/[^/]+$/);
    await page.getByText(`Copied from ${share.shareUrl}`).waitFor();
    await screenshot(page, 'reader-copy-landed');
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

    const copy = (await t.app.repos.conversations.findById(id))!;
    expect(copy.ownerId).toBe((await t.app.repos.users.findRowByEmail(email))!.id);
    const snapshot = (await t.app.repos.shares.snapshot(share.settings.id))!;
    // Exactly the shown branch: the same messages, one branch, nothing hidden.
    expect(texts(copy.messages)).toEqual(texts(snapshot.messages));
    expect(copy.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(copy.branchCount).toBe(1);
    expect(copy.context).toBeUndefined();
    expect(copy.copiedFrom).toMatchObject({ code: share.shortCode, url: share.shareUrl });
    const stored = JSON.stringify(copy.messages);
    for (const hidden of ['SYSTEM-PROMPT-SECRET', 'another branch', '"u-1"', '"a-1"'])
      expect(stored).not.toContain(hidden);
    // The owner app shows it as the reader's conversation, without a branch picker.
    await expect.poll(() => page.locator('.cs-message').count()).toBe(2);
    expect(await page.getByText('An older answer on another branch.').count()).toBe(0);
    expect(await page.getByLabel('Branch').count()).toBe(0);

    // The page view counted once; saving the copy did not.
    expect(await viewCountOf(share.settings.id)).toBe(1);
    expect((await events()).errors).toEqual([]);
    await page.close();
  });

  it('saves a copy for a signed-in reader without JavaScript, and prints from the menu with it', async () => {
    const share = await shareOf(t, owner);
    const noScript = await browser.newContext({ javaScriptEnabled: false, userAgent: BROWSER });
    noScript.setDefaultTimeout(10_000);
    await noScript.addCookies(await reader.cookies());
    const page = await noScript.newPage();
    await page.goto(`${base}/s/${share.shortCode}`);
    await openMenu(page);
    // Without a script there is no Print button, only how to print.
    expect(await page.getByRole('button', { name: 'Print / save as PDF' }).isVisible()).toBe(false);
    expect(await page.getByText('use your browser’s Print command').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Download Markdown' }).getAttribute('href')).toBe(
      `/s/${share.shortCode}.md`,
    );
    expect(await page.getByRole('link', { name: 'Download JSON' }).getAttribute('href')).toBe(
      `/s/${share.shortCode}.json`,
    );
    const before = await viewCountOf(share.settings.id);
    await page.getByRole('link', { name: /Save a copy/ }).click();
    await page.getByRole('button', { name: 'Save a copy' }).click();
    await page.waitForURL(/\/app\/conversations\/[^/]+$/);
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect((await t.app.repos.conversations.findById(id))?.copiedFrom?.code).toBe(share.shortCode);
    expect(await viewCountOf(share.settings.id)).toBe(before);
    await noScript.close();

    const scripted = await reader.newPage();
    const events = await watch(scripted);
    await scripted.goto(`${base}/s/${share.shortCode}`);
    await openMenu(scripted);
    await scripted.getByRole('button', { name: 'Print / save as PDF' }).click();
    expect((await events()).calls).toEqual(['print']);
    expect(await scripted.getByText('use your browser’s Print command').isVisible()).toBe(false);
    await scripted.close();
  });

  it('opens the menu inside a phone’s screen', async () => {
    const share = await shareOf(t, owner);
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await phone.newPage();
    await page.goto(`${base}/s/${share.shortCode}`);
    await openMenu(page);
    const box = (await page.locator('.reader-menu-items').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    await screenshot(page, 'reader-copy-menu-mobile');
    await phone.close();
  });

  it('shows no "Save a copy" where the owner turned copies off, and the API refuses it', async () => {
    const share = await shareOf(t, owner, { allowCopy: false });
    const page = await reader.newPage();
    await page.goto(`${base}/s/${share.shortCode}`);
    await openMenu(page);
    await page.getByRole('link', { name: 'Download Markdown' }).waitFor();
    expect(await page.getByRole('link', { name: /Save a copy/ }).count()).toBe(0);
    await screenshot(page, 'reader-copy-not-allowed');

    // The share page's policy allows it no requests of its own; the owner app's page may call the API.
    const app = await reader.newPage();
    await app.goto(`${base}/app/conversations`);
    const answer = await app.evaluate(async (code) => {
      const response = await fetch(`/api/v1/shared/${code}/copies`, { method: 'POST' });
      return { status: response.status, body: (await response.json()) as { error: { code: string } } };
    }, share.shortCode);
    expect(answer).toEqual({ status: 403, body: { error: expect.objectContaining({ code: 'copy_not_allowed' }) } });
    await app.close();

    // Turned on again, the page offers it at once (the stored page is another version).
    await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: owner.bearer,
      body: { allowCopy: true },
    });
    await page.reload();
    await openMenu(page);
    await page.getByRole('link', { name: /Save a copy/ }).waitFor();
    await page.close();
  });
});
