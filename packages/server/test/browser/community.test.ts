/**
 * Community publishing in real Chromium between two real instances on two loopback origins: a
 * sender (community sharing on, COMMUNITY_URL = the hub) and a hub that accepts the sender
 * only. The owner publishes from the share dialog, the hub tab shows where it came from and
 * the whole conversation, and nothing reaches the hub's server before Publish. A third origin
 * cannot push a conversation into a /publish page, and the sender sends nothing to a tab that
 * answers from another origin than the community's.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../../web/build/ensure-build.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildConversation, createConversation, signUp } from '../helpers/api.js';
import { hasChromium, launchBrowser, screenshot } from './browser.js';
import { startThirdSite, type ThirdSite } from './community-fixtures.js';
import { freePort } from '../../../../scripts/free-port.js';

const KEY = 'sk-proj-' + 'Zq8Xw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7Aa6';
const PASSWORD = 'correct horse battery staple';

let sender: TestApp;
let hub: TestApp;
let third: ThirdSite;
let senderBase: string;
let hubBase: string;
let browser: Browser;

/** An instance listening at `base` (two hosts keep the two instances' cookies apart). */
async function startInstance(base: string, config: Parameters<typeof buildTestApp>[0]) {
  const t = await buildTestApp(
    { publicUrl: base, ...config },
    { rateLimits: { auth: { max: 1000, windowMs: 60_000 } } },
  );
  t.clock.set(new Date());
  const { hostname, port } = new URL(base);
  await t.app.listen({ port: Number(port), host: hostname });
  return t;
}

const hubConversations = async () => (await hub.app.db.selectFrom('conversations').select('id').execute()).length;

/** Records, in every page of the context, any sign that hostile content ran, and CSP violations. */
async function canaries(context: BrowserContext) {
  await context.addInitScript(() => {
    const state = window as unknown as { __calls: string[] };
    state.__calls = [];
    for (const name of ['alert', 'confirm', 'prompt'] as const) {
      Object.defineProperty(window, name, { value: () => state.__calls.push(name), configurable: false });
    }
    Object.defineProperty(window, 'pwned', { set: () => state.__calls.push('pwned'), configurable: false });
    // The pages run under a strict CSP: anything it blocks is a defect too.
    document.addEventListener('securitypolicyviolation', (event) =>
      state.__calls.push(`csp ${event.violatedDirective}`),
    );
  });
}

const calls = (page: Page) => page.evaluate(() => (window as unknown as { __calls: string[] }).__calls);

beforeAll(async () => {
  if (!hasChromium) return;
  await ensureBuilt();
  senderBase = `http://127.0.0.1:${await freePort('127.0.0.1')}`;
  hubBase = `http://127.0.0.2:${await freePort('127.0.0.2')}`;
  // The hub accepts the sender only.
  hub = await startInstance(hubBase, { communityAllowedOrigins: [senderBase] });
  sender = await startInstance(senderBase, { enableCommunitySharing: true, communityUrl: hubBase });
  third = await startThirdSite({ hub: hubBase, sender: senderBase }, hubBase);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await third?.close();
  await sender?.close();
  await hub?.close();
});

describe.skipIf(!hasChromium)('publishing to a community instance', () => {
  it('goes from the share dialog on one instance to a public link on the other, storing nothing before Publish', async () => {
    const owner = await signUp(sender.app);
    const conversation = await createConversation(
      sender.app,
      owner,
      buildConversation({
        title: 'Lisbon trip',
        messages: [
          {
            id: 'u-1',
            parentId: null,
            role: 'user',
            author: 'Ana',
            parts: [{ type: 'text', text: `Plan my trip. My key is ${KEY} <img src=x onerror="pwned=1">` }],
          },
          {
            id: 'a-1',
            parentId: 'u-1',
            role: 'assistant',
            parts: [{ type: 'text', text: 'Start with **Alfama**. [click](javascript:pwned=1)' }],
          },
        ],
        currentLeafId: 'a-1',
      }),
    );
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await canaries(context);
    await context.addCookies([{ name: 'cs_session', value: owner.cookie.split('=')[1]!, url: senderBase }]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);

    await page.goto(`${senderBase}/app/conversations/${conversation.id}`);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Publish to community' }).click();
    // The secret is named before anything is sent, and replaced on request.
    await dialog.getByText('1 possible secret would be sent:').waitFor();
    await dialog.getByLabel('Replace possible secrets before sending').check();
    await dialog.getByText('1 possible secret is replaced in the shared copy.').waitFor();
    expect(await hubConversations()).toBe(0);

    const hubHost = new URL(hubBase).host;
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      dialog.getByRole('button', { name: `Continue on ${hubHost}` }).click(),
    ]);
    tab.setDefaultTimeout(15_000);
    await dialog.getByText(`Sent to ${hubHost}.`).waitFor();

    // The hub shows where the conversation came from, and all of it, rendered safely.
    expect(new URL(tab.url()).origin).toBe(hubBase);
    await tab.locator('.publish-source-origin', { hasText: senderBase }).waitFor();
    expect(await tab.locator('.publish-source-origin').textContent()).toBe(senderBase);
    await tab.locator('.cs-message').nth(1).waitFor();
    const preview = (await tab.locator('.publish-preview').textContent())!;
    expect(preview).toContain('Start with Alfama.');
    expect(preview).toContain('<img src=x onerror="pwned=1">');
    expect(preview).not.toContain(KEY);
    expect(await tab.locator('.publish-preview a[href^="javascript:"]').count()).toBe(0);
    expect(await hubConversations()).toBe(0);
    await screenshot(tab, 'community-publish-received');

    // Sign up on the hub without leaving the page; still nothing stored.
    await tab.getByRole('button', { name: 'No account yet? Create one' }).click();
    await tab.getByLabel('Name (optional)').fill('Rita');
    await tab.getByLabel('Email').fill(`rita-${Date.now()}@example.com`);
    await tab.getByLabel('Password').fill(PASSWORD);
    await tab.getByRole('button', { name: 'Create account' }).click();
    await tab.getByText(/^Signed in as /).waitFor();
    expect(await tab.locator('.publish-source-origin').textContent()).toBe(senderBase);
    expect(await hubConversations()).toBe(0);

    await tab.getByLabel('Title').fill('Three days in Lisbon');
    await tab.getByLabel('Show my name').check();
    await tab.getByRole('button', { name: 'Publish', exact: true }).click();
    const link = tab.locator('.publish-link a');
    await link.waitFor();
    const url = (await link.getAttribute('href'))!;
    expect(url).toMatch(new RegExp(`^${hubBase}/s/[A-Za-z0-9]{10,}$`));
    expect(await hubConversations()).toBe(1);
    await screenshot(tab, 'community-publish-done');
    expect(await calls(page)).toEqual([]);
    expect(await calls(tab)).toEqual([]);

    // Anyone can read it on the hub: the chosen title, the person's name, the redacted copy.
    const reader = await browser.newContext();
    await canaries(reader);
    const readerPage = await reader.newPage();
    const response = await readerPage.goto(url);
    expect(response?.status()).toBe(200);
    expect(await readerPage.locator('.cs-title').textContent()).toBe('Three days in Lisbon');
    const body = (await readerPage.locator('body').textContent())!;
    expect(body).toContain('[REDACTED');
    expect(body).not.toContain(KEY);
    expect(await calls(readerPage)).toEqual([]);
    // "Show my name": the link names the person who published it.
    const code = new URL(url).pathname.split('/').at(-1)!;
    const shared = await hub.app.inject({ method: 'GET', url: `/api/v1/shared/${code}` });
    expect(shared.json()).toMatchObject({ title: 'Three days in Lisbon', sharedBy: 'Rita', messageCount: 2 });
    await reader.close();
    await context.close();
  });

  it('ignores a third origin: the hub refuses a sender it does not accept, and no page takes messages from a window that is not its opener', async () => {
    const context = await browser.newContext();
    await canaries(context);
    const before = await hubConversations();
    const open = async (path: string) => {
      const page = await context.newPage();
      await page.goto(`${third.base}${path}`);
      const [tab] = await Promise.all([
        context.waitForEvent('page'),
        page.getByRole('button', { name: 'Open' }).click(),
      ]);
      tab.setDefaultTimeout(10_000);
      await page.waitForFunction(() => document.title === 'posted');
      // Time for the posted message to arrive and be acted on, if it were going to be.
      await tab.waitForTimeout(500);
      return tab;
    };

    // The hub accepts the sender only: the third origin, although the opener, is refused.
    const refused = await open('/opener.html?target=hub');
    await refused.getByText(`does not accept conversations from ${third.base}`).waitFor();
    expect(await refused.locator('.cs-message').count()).toBe(0);
    expect(await refused.locator('.publish-source').count()).toBe(0);

    // The sender's own /publish accepts anyone, but only from its opener: a frame that posts
    // on the opener's behalf changes nothing...
    const relayed = await open('/relay.html?target=sender');
    expect(await relayed.locator('.app-loading').textContent()).toContain('Waiting for the conversation');
    expect(await relayed.locator('.cs-message').count()).toBe(0);
    // ...while the very same message from the opener itself is taken (so the rule above is what stopped it).
    const taken = await open('/opener.html?target=sender');
    expect(await taken.locator('.publish-source-origin').textContent()).toBe(third.base);
    expect(await taken.locator('.cs-message').count()).toBe(1);

    for (const tab of [refused, relayed, taken]) expect(await calls(tab)).toEqual([]);
    expect(await hubConversations()).toBe(before);
    await context.close();
  });

  it("sends nothing when the tab answers from another origin than the community's", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${third.base}/sender.html`);
    await page.waitForFunction(() => document.title === 'ready');
    // The "community" is the third site, whose /publish redirects to the hub: the hub's page
    // says it is loaded, but from the hub's origin, which is not the one the sender trusts.
    const outcome = page.evaluate(
      (communityUrl) =>
        (window as unknown as { startHandshake: (url: string, ms: number) => Promise<unknown> }).startHandshake(
          communityUrl,
          3_000,
        ),
      third.base,
    );
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Publish' }).click(),
    ]);
    expect(await outcome).toEqual({ ok: false, reason: 'wrong_origin', origins: [hubBase] });
    expect(new URL(tab.url()).origin).toBe(hubBase);
    // The hub's page got nothing: it is still waiting.
    expect(await tab.locator('.app-loading').textContent()).toContain('Waiting for the conversation');
    expect(await tab.locator('.publish-source').count()).toBe(0);
    await context.close();
  });
});
