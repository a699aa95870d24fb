/**
 * Open WebUI publishing to a chatshare hub, in real Chromium. A page on another loopback
 * origin runs the steps of Open WebUI's share modal unchanged (open `<hub>/chats/upload`,
 * wait for `'loaded'` from the hub's origin, post `JSON.stringify({ chat, models })` to `'*'`)
 * with a real Open WebUI chat object; the hub shows it and publishes it through the same form
 * as /publish. A window that is not the opener cannot push a chat in, and a malformed payload
 * is an error on the page. Nothing reaches the hub's database before Publish.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../../web/build/ensure-build.js';
import { freePort } from '../../../../scripts/free-port.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call } from '../helpers/api.js';
import { hasChromium, launchBrowser, screenshot } from './browser.js';

const CHAT_FILE = new URL('../fixtures/openwebui/openwebui-importer_webui-json.json', import.meta.url);
const PASSWORD = 'correct horse battery staple';
const KEY = 'sk-proj-' + 'Zq8Xw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7Aa6';
/** The real chat with a key pasted into its question, as people do. */
const WITH_KEY = `(() => {
  const copy = structuredClone(chat);
  const question = Object.values(copy.history.messages).find((message) => message.role === 'user');
  question.content = 'My key is ${KEY}. ' + question.content;
  return JSON.stringify({ chat: copy, models: window.MODELS });
})()`;
/** Open WebUI's model objects, as its store holds them: more than a name, none of which may travel. */
const MODELS = [
  {
    id: 'deepseek/deepseek-chat:free',
    name: 'DeepSeek V3',
    owned_by: 'openai',
    info: { params: { system: 'SYSTEM-PROMPT-SECRET' } },
  },
];

let hub: TestApp;
let hubBase: string;
let webui: { base: string; close(): Promise<void> };
let browser: Browser;

const hubConversations = async () => (await hub.app.db.selectFrom('conversations').select('id').execute()).length;

/**
 * The share modal's steps, as Open WebUI runs them: the tab is opened with its opener, the
 * listener checks only the origin, and the payload goes to `'*'`. `payload` is the JS
 * expression of what is posted.
 */
const sharePage = (hubUrl: string, payload: string) => `<!doctype html><meta charset="utf-8"><title>Open WebUI</title>
<button id="share">Share to community</button>
<script>
const chat = window.CHAT;
document.getElementById('share').onclick = async () => {
  const tab = await window.open(${JSON.stringify(`${hubUrl}/chats/upload`)}, '_blank');
  window.addEventListener('message', (event) => {
    if (event.origin !== ${JSON.stringify(hubUrl)}) return;
    if (event.data === 'loaded') {
      tab.postMessage(${payload}, '*');
      document.title = 'posted';
    }
  }, false);
};
</script>`;

/** Opens the hub's tab, then has a frame (a window that is not the opener) post the chat to it. */
const relayPage = (hubUrl: string) => `<!doctype html><meta charset="utf-8"><title>relay</title>
<button id="share">Share to community</button>
<iframe id="relay" src="/relay-frame.html"></iframe>
<script>
document.getElementById('share').onclick = () => {
  const tab = window.open(${JSON.stringify(`${hubUrl}/chats/upload`)}, '_blank');
  window.addEventListener('message', (event) => {
    if (event.origin !== ${JSON.stringify(hubUrl)} || event.data !== 'loaded') return;
    document.getElementById('relay').contentWindow.send(tab);
    document.title = 'posted';
  });
};
</script>`;

const relayFrame = `<!doctype html><meta charset="utf-8"><script src="/chat.js"></script><script>
window.send = (tab) => tab.postMessage(JSON.stringify({ chat: window.CHAT, models: window.MODELS }), '*');
</script>`;

/** The "Open WebUI" site: a node:http server on 127.0.0.1, another origin than the hub's. */
async function startWebui(hubUrl: string) {
  const chat = await readFile(CHAT_FILE, 'utf8');
  const data = `window.CHAT = ${chat};\nwindow.MODELS = ${JSON.stringify(MODELS)};\n`;
  const pages: Record<string, string> = {
    '/share.html': sharePage(hubUrl, 'JSON.stringify({ chat, models: window.MODELS })'),
    '/broken.html': sharePage(hubUrl, `'{"chat": {"history": '`),
    '/secret.html': sharePage(hubUrl, WITH_KEY),
    '/relay.html': relayPage(hubUrl),
    '/relay-frame.html': relayFrame,
  };
  const server: Server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://webui.invalid');
    if (pathname === '/chat.js') {
      return response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(data);
    }
    const page = pages[pathname];
    if (!page) return response.writeHead(404).end();
    // The chat goes in as a script of its own, as Open WebUI has it in memory.
    const html = page.replace('<script>', '<script src="/chat.js"></script><script>');
    return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Records, in every page of the context, any sign that content ran, and CSP violations. */
async function canaries(context: BrowserContext) {
  await context.addInitScript(() => {
    const state = window as unknown as { __calls: string[] };
    state.__calls = [];
    for (const name of ['alert', 'confirm', 'prompt'] as const) {
      Object.defineProperty(window, name, { value: () => state.__calls.push(name), configurable: false });
    }
    document.addEventListener('securitypolicyviolation', (event) =>
      state.__calls.push(`csp ${event.violatedDirective}`),
    );
  });
}
const calls = (page: Page) => page.evaluate(() => (window as unknown as { __calls: string[] }).__calls);

/** Opens a page of the Open WebUI site, presses Share, and returns the hub's tab once the page has posted. */
async function share(context: BrowserContext, path: string) {
  const page = await context.newPage();
  await page.goto(`${webui.base}${path}`);
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Share to community' }).click(),
  ]);
  tab.setDefaultTimeout(15_000);
  await page.waitForFunction(() => document.title === 'posted');
  return { page, tab };
}

beforeAll(async () => {
  if (!hasChromium) return;
  await ensureBuilt();
  hubBase = `http://127.0.0.2:${await freePort('127.0.0.2')}`;
  webui = await startWebui(hubBase);
  // The hub accepts the Open WebUI site only: the relay below is refused by the opener rule, not by this.
  hub = await buildTestApp(
    { publicUrl: hubBase, communityAllowedOrigins: [webui.base] },
    { rateLimits: { auth: { max: 1000, windowMs: 60_000 } } },
  );
  hub.clock.set(new Date());
  const { hostname, port } = new URL(hubBase);
  await hub.app.listen({ port: Number(port), host: hostname });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await webui?.close();
  await hub?.close();
});

describe.skipIf(!hasChromium)('Open WebUI publishing to a chatshare hub', () => {
  it('serves /chats/upload as /publish is served, and keeps crawlers out of it', async () => {
    const upload = await call(hub.app, 'GET', '/chats/upload');
    const publish = await call(hub.app, 'GET', '/publish');
    expect(upload.statusCode).toBe(200);
    expect(upload.body).toBe(publish.body);
    for (const header of ['content-security-policy', 'x-frame-options', 'referrer-policy', 'x-robots-tag']) {
      expect(upload.headers[header]).toBe(publish.headers[header]);
    }
    expect(upload.headers['cross-origin-opener-policy']).toBeUndefined();
    const robots = await call(hub.app, 'GET', '/robots.txt');
    expect(robots.body.split('\n')).toContain('Disallow: /chats/upload');
  });

  it('takes a real Open WebUI chat through the share modal’s steps and publishes it, storing nothing before Publish', async () => {
    const chat = JSON.parse(await readFile(CHAT_FILE, 'utf8')) as { title: string };
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await canaries(context);
    const { page, tab } = await share(context, '/share.html');

    expect(new URL(tab.url()).origin).toBe(hubBase);
    await tab.locator('.publish-source-origin').waitFor();
    expect(await tab.locator('.publish-source-origin').textContent()).toBe(webui.base);
    expect(await tab.locator('.publish-models').textContent()).toBe('Models: DeepSeek V3');
    await tab.locator('.cs-message').nth(1).waitFor();
    expect(await tab.locator('.cs-message').count()).toBe(2);
    const preview = (await tab.locator('.publish-preview').textContent())!;
    expect(preview).toContain('Goldwater Rule');
    expect(preview).not.toContain('SYSTEM-PROMPT-SECRET');
    expect(await tab.getByLabel('Title').inputValue()).toBe(chat.title);
    expect(await hubConversations()).toBe(0);
    await screenshot(tab, 'openwebui-publish-received');

    await tab.getByRole('button', { name: 'No account yet? Create one' }).click();
    await tab.getByLabel('Email').fill(`webui-${Date.now()}@example.com`);
    await tab.getByLabel('Password').fill(PASSWORD);
    await tab.getByRole('button', { name: 'Create account' }).click();
    await tab.getByText(/^Signed in as /).waitFor();
    expect(await hubConversations()).toBe(0);

    await tab.getByRole('button', { name: 'Publish', exact: true }).click();
    const link = tab.locator('.publish-link a');
    await link.waitFor();
    const url = (await link.getAttribute('href'))!;
    expect(url).toMatch(new RegExp(`^${hubBase}/s/[A-Za-z0-9]{10,}$`));
    expect(await hubConversations()).toBe(1);
    expect(await calls(page)).toEqual([]);
    expect(await calls(tab)).toEqual([]);

    // A public link on the hub: the chat's title, both messages, the models by name, nothing of their settings.
    const code = new URL(url).pathname.split('/').at(-1)!;
    const shared = (await call(hub.app, 'GET', `/api/v1/shared/${code}`)).json();
    expect(shared).toMatchObject({ title: chat.title, messageCount: 2 });
    // The list's names, then (as for every import) the models the messages name.
    expect(shared.models).toEqual(['DeepSeek V3', 'deepseek/deepseek-chat:free']);
    expect(shared.messages.map((message: { role: string }) => message.role)).toEqual(['user', 'assistant']);
    expect(JSON.stringify(shared)).toContain('Goldwater Rule');
    expect(JSON.stringify(shared)).not.toContain('SYSTEM-PROMPT-SECRET');
    const reader = await browser.newContext();
    const readerPage = await reader.newPage();
    expect((await readerPage.goto(url))?.status()).toBe(200);
    expect(await readerPage.locator('.cs-message').count()).toBe(2);
    await reader.close();
    await context.close();
  });

  it('names possible secrets, which Open WebUI never scanned, and replaces them unless told not to', async () => {
    const context = await browser.newContext();
    await canaries(context);
    const { tab } = await share(context, '/secret.html');
    await tab.getByText('1 possible secret would be published:').waitFor();
    expect(await tab.locator('.publish-secrets li').textContent()).toBe('sk-p…7Aa6 · in message 1');
    const redact = tab.getByLabel('Replace possible secrets before publishing');
    expect(await redact.isChecked()).toBe(true);
    expect(await tab.locator('.publish-preview').textContent()).not.toContain(KEY);
    await redact.uncheck();
    expect(await tab.locator('.publish-preview').textContent()).toContain(KEY);
    await redact.check();

    await tab.getByRole('button', { name: 'No account yet? Create one' }).click();
    await tab.getByLabel('Email').fill(`webui-secret-${Date.now()}@example.com`);
    await tab.getByLabel('Password').fill(PASSWORD);
    await tab.getByRole('button', { name: 'Create account' }).click();
    await tab.getByText(/^Signed in as /).waitFor();
    await tab.getByRole('button', { name: 'Publish', exact: true }).click();
    const link = tab.locator('.publish-link a');
    await link.waitFor();
    const code = new URL((await link.getAttribute('href'))!).pathname.split('/').at(-1)!;
    const shared = (await call(hub.app, 'GET', `/api/v1/shared/${code}`)).body;
    expect(shared).not.toContain(KEY);
    expect(shared).toContain('[REDACTED');
    expect(await calls(tab)).toEqual([]);
    await context.close();
  });

  it('ignores a window that is not the opener, and shows a malformed payload as an error; nothing is stored', async () => {
    const context = await browser.newContext();
    await canaries(context);
    const before = await hubConversations();

    // A frame of the very origin the hub accepts posts the real payload: not the opener, so ignored.
    const relayed = await share(context, '/relay.html');
    await relayed.tab.waitForTimeout(500);
    expect(await relayed.tab.locator('.app-loading').textContent()).toContain('Waiting for the conversation');
    expect(await relayed.tab.locator('.cs-message').count()).toBe(0);
    expect(await relayed.tab.locator('.publish-source').count()).toBe(0);

    // The opener itself sends a payload that is cut off: an error on the page, and no form.
    const broken = await share(context, '/broken.html');
    const error = broken.tab.getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).toContain(
      `What ${webui.base} sent is not a conversation that can be published here.`,
    );
    expect(await error.textContent()).toContain('It is not JSON.');
    expect(await broken.tab.locator('.cs-message').count()).toBe(0);
    expect(await broken.tab.getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);

    for (const tab of [relayed.tab, broken.tab]) expect(await calls(tab)).toEqual([]);
    expect(await hubConversations()).toBe(before);
    await context.close();
  });
});
