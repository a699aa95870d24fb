/**
 * The share dialog's decisions in the built owner app, in Chromium against a real server:
 * secrets are found before any link exists and nothing is readable until the owner chooses
 * ("Redact and share" publishes a masked copy, "Share as is" the text as written), and on an
 * instance without open sharing the dialog offers private links only. axe and screenshots of
 * the new step, light, dark and 375 px wide.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath, VIEWPORTS as BROWSER_VIEWPORTS } from '../../server/test/browser/browser.js';
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

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';

/** A conversation made through the API as the signed-in page; the key is in the answer only. */
async function createConversation(page: Page, base: string, title: string, secret: boolean): Promise<string> {
  const answer = secret ? `Put ${KEY} into OPENAI_API_KEY.` : 'Here is a plan.';
  const created = await page.request.post(`${base}/api/v1/conversations`, {
    headers: { origin: base, 'content-type': 'application/json' },
    data: {
      title,
      messages: [
        { id: 'q', parentId: null, role: 'user', parts: [{ type: 'text', text: `Help me with ${title}` }] },
        { id: 'a', parentId: 'q', role: 'assistant', parts: [{ type: 'text', text: answer }] },
      ],
    },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function openShareDialog(page: Page, base: string, title: string) {
  await page.goto(`${base}/app/conversations`);
  await page.getByRole('button', { name: `Share “${title}”` }).click();
  return page.getByRole('dialog');
}

describe.skipIf(!hasChromium)('secrets are decided before a link exists', () => {
  let web: WebHarness;
  let owner: Tab;
  beforeAll(async () => {
    web = await startWeb();
    owner = await openTab(web.browser);
    await signUpInApp(owner.page, web.base, uniqueEmail('secrets'));
  }, 180_000);
  afterAll(async () => {
    await owner?.close();
    await web?.close();
  });

  it('warns first, keeps everything private until the choice, then "Redact and share" publishes a masked copy', async () => {
    const { page } = owner;
    const id = await createConversation(page, web.base, 'Deploy script', true);
    const dialog = await openShareDialog(page, web.base, 'Deploy script');
    const warning = dialog.getByRole('region', { name: 'This may contain secrets' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('OpenAI API key');
    expect(await warning.textContent()).toContain('sk-p…6789');
    expect(await dialog.textContent()).not.toContain(KEY);
    expect(await dialog.getByRole('button', { name: 'Create link' }).count()).toBe(0);

    // No link yet: the owner's API says so, and an anonymous profile finds nothing either.
    const mine = await page.request.get(`${web.base}/api/v1/conversations/${id}/share`);
    expect(mine.status()).toBe(404);
    expect(((await mine.json()) as { error: { code: string } }).error.code).toBe('share_not_found');
    expect(
      ((await (await page.request.get(`${web.base}/api/v1/shares`)).json()) as { items: unknown[] }).items,
    ).toEqual([]);
    const anonymous = await openTab(web.browser);
    const anonymousShare = await anonymous.page.request.get(`${web.base}/api/v1/conversations/${id}/share`);
    expect(anonymousShare.status()).toBe(401);
    expect(await anonymousShare.text()).not.toContain('shareUrl');

    await warning.getByRole('button', { name: 'Redact and share' }).click();
    const url = await dialog.getByLabel('Link', { exact: true }).inputValue();
    expect(url).toMatch(new RegExp(`^${web.base}/s/[A-Za-z0-9]{10,}$`));
    await dialog.getByText('1 possible secret is replaced in the shared copy.').waitFor();

    const opened = await anonymous.page.goto(url);
    expect(opened?.status()).toBe(200);
    await anonymous.page.locator('.cs-message').nth(1).waitFor();
    expect(await anonymous.page.content()).not.toContain(KEY);
    expect(await anonymous.page.locator('.cs-message').nth(1).textContent()).toContain('OPENAI_API_KEY');
    await expectQuiet(owner);
    await anonymous.close();
  }, 90_000);

  it('"Share as is" (another conversation) gives a link that shows the secret as written', async () => {
    const { page } = owner;
    const id = await createConversation(page, web.base, 'Local setup', true);
    const dialog = await openShareDialog(page, web.base, 'Local setup');
    const warning = dialog.getByRole('region', { name: 'This may contain secrets' });
    await warning.waitFor();
    const before = await page.request.get(`${web.base}/api/v1/conversations/${id}/share`);
    expect(before.status()).toBe(404);

    await warning.getByRole('button', { name: 'Share as is' }).click();
    const url = await dialog.getByLabel('Link', { exact: true }).inputValue();
    const anonymous = await openTab(web.browser);
    expect((await anonymous.page.goto(url))?.status()).toBe(200);
    await anonymous.page.locator('.cs-message').nth(1).waitFor();
    expect(await anonymous.page.locator('.cs-message').nth(1).textContent()).toContain(KEY);
    await expectQuiet(owner);
    await anonymous.close();
  }, 90_000);

  for (const [name, options] of [
    ['desktop', { viewport: BROWSER_VIEWPORTS.desktop }],
    ['375px', { viewport: BROWSER_VIEWPORTS.mobile, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
    ['dark', { viewport: BROWSER_VIEWPORTS.desktop, colorScheme: 'dark' as const }],
  ] as const) {
    it(`shows the secrets step with no serious axe violations and nothing wider than the screen (${name})`, async () => {
      const title = `Undecided ${name}`;
      await createConversation(owner.page, web.base, title, true);
      const tab = await openTab(web.browser, { ...options, storageState: await owner.context.storageState() });
      const dialog = await openShareDialog(tab.page, web.base, title);
      const step = dialog.getByRole('region', { name: 'This may contain secrets' });
      await step.waitFor();
      await tab.page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
      expect(await seriousViolations(tab.page, '[role="dialog"]')).toEqual([]);
      expect(await tab.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        options.viewport.width,
      );
      // The dialog scrolls inside a fixed frame: show the step, and shoot the viewport (as the
      // other dialog screenshots do) rather than the page behind it.
      await step.scrollIntoViewIfNeeded();
      await tab.page.screenshot({ path: await screenshotPath(`web/dialog-secrets-${name}`) });
      await expectQuiet(tab);
      await tab.close();
    }, 60_000);
  }
});

describe.skipIf(!hasChromium)('an instance without open sharing', () => {
  let web: WebHarness;
  beforeAll(async () => {
    web = await startWeb({ enableOpenSharing: false });
  }, 180_000);
  afterAll(async () => web?.close());

  it('offers only private links in the dialog, and creating one works', async () => {
    const owner = await openTab(web.browser);
    const { page } = owner;
    await signUpInApp(page, web.base, uniqueEmail('private-only'));
    const id = await createConversation(page, web.base, 'Team retro', false);
    const dialog = await openShareDialog(page, web.base, 'Team retro');
    const create = dialog.getByRole('button', { name: 'Create link' });
    await create.waitFor();
    const radios = dialog.getByRole('radio');
    expect(await radios.count()).toBe(1);
    expect(await dialog.getByLabel('Only people I invite').isChecked()).toBe(true);
    expect(await dialog.getByLabel('Public').count()).toBe(0);
    expect(await dialog.getByLabel('Anyone with the link').count()).toBe(0);

    await create.click();
    await dialog.getByLabel('Link', { exact: true }).waitFor();
    expect(await dialog.getByRole('alert').count()).toBe(0);
    const share = await page.request.get(`${web.base}/api/v1/conversations/${id}/share`);
    expect(((await share.json()) as { settings: { privacy: string } }).settings.privacy).toBe('private');
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await expectQuiet(owner);
    await owner.close();
  }, 90_000);
});
