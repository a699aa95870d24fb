/**
 * embed.js on a page of another origin, in real Chromium: the conversation appears in a
 * sandboxed frame sized to its content, and height messages from anywhere but that frame
 * (the page itself, a frame of another origin, an opaque sandboxed frame) change nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { signUp, type TestUser } from '../helpers/api.js';
import { buildRichConversation } from '../fixtures/rich-conversation.js';
import { shareOf } from '../pages/helpers.js';
import { hasChromium, launchBrowser, screenshot, watch } from './browser.js';
import { freePort } from '../../../../scripts/free-port.js';

let t: TestApp;
let owner: TestUser;
let browser: Browser;
let base: string;
let blog: Server;
let blogBase: string;
let code: string;

/** A free port on 127.0.0.1, so PUBLIC_URL can be the address the app really listens on. */

/** Another site: a blog post that embeds the conversation, and frames of its own origin. */
function blogPage(chatshare: string, shareCode: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>A blog</title>
<style>body{font-family:sans-serif;max-width:760px;margin:2rem auto}</style></head><body>
<h1>My trip notes</h1><p>Here is the conversation that planned it:</p>
<div id="embed" data-chatshare="${chatshare}/s/${shareCode}"></div>
<p id="after">The end.</p>
<script async src="${chatshare}/embed.js"></script>
</body></html>`;
}

/** A page of the blog's origin that claims to be the chatshare frame and asks for a huge height. */
const forger = (shareCode: string) => `<!doctype html><script>
parent.postMessage({ type: 'chatshare:height', code: '${shareCode}', height: 4321 }, '*');
</script>`;

beforeAll(async () => {
  if (!hasChromium) return;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  t = await buildTestApp({ publicUrl: base }, { rateLimits: { auth: { max: 1000, windowMs: 60_000 } } });
  owner = await signUp(t.app);
  await t.app.listen({ port, host: '127.0.0.1' });
  code = (await shareOf(t, owner, {}, buildRichConversation())).shortCode;
  blog = createServer((request, response) => {
    const body = request.url === '/forger.html' ? forger(code) : blogPage(base, code);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => blog.listen(0, '127.0.0.1', resolve));
  blogBase = `http://127.0.0.1:${(blog.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (blog ? blog.close(resolve) : resolve(undefined)));
  await t?.close();
});

const embedFrame = (page: Page): Frame => {
  const frame = page.frames().find((candidate) => candidate.url().includes('/embed/'));
  if (!frame) throw new Error('no embed frame');
  return frame;
};

/** The iframe's height on the blog, once it has been resized from its first 480 px. */
async function settledHeight(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const frame = document.querySelector<HTMLIFrameElement>('#embed iframe');
    return frame !== null && frame.style.height !== '480px';
  });
  // Fonts and layout may still move it a little: wait until it stops changing.
  let previous = -1;
  for (let i = 0; i < 20; i++) {
    const height = await page.locator('#embed iframe').evaluate((frame) => frame.getBoundingClientRect().height);
    if (height === previous) return height;
    previous = height;
    await page.waitForTimeout(150);
  }
  return previous;
}

describe.skipIf(!hasChromium)('embed.js on another site', () => {
  it('shows the conversation in a sandboxed frame at the full height of its content', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    const events = await watch(page);
    await page.goto(`${blogBase}/`);
    const height = await settledHeight(page);
    const frame = embedFrame(page);
    expect(frame.url()).toBe(`${base}/embed/${code}`);
    const sandbox = await page.locator('#embed iframe').getAttribute('sandbox');
    expect(sandbox).toBe('allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    // The frame shows everything without scrolling: its height is its content's height.
    const inside = await frame.evaluate(() => ({
      content: document.documentElement.getBoundingClientRect().height,
      scroll: document.documentElement.scrollHeight,
      client: document.documentElement.clientHeight,
      messages: document.querySelectorAll('.cs-message').length,
      stylesheet: getComputedStyle(document.querySelector('.embed')!).paddingTop,
    }));
    expect(inside.messages).toBe(6);
    expect(inside.stylesheet).not.toBe('0px');
    expect(height).toBeGreaterThan(900);
    expect(Math.abs(height - inside.content)).toBeLessThanOrEqual(2);
    expect(inside.scroll).toBeLessThanOrEqual(inside.client + 1);
    // The link to the full page opens outside the frame.
    expect(await frame.locator('a.embed-open').getAttribute('target')).toBe('_blank');
    await screenshot(page, 'embed-on-another-site');
    const seen = await events();
    expect(seen.errors).toEqual([]);
    expect(seen.violations).toEqual([]);
    await context.close();
  });

  it('ignores height messages from the page itself, from a frame of another origin and from an opaque frame', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    await page.goto(`${blogBase}/`);
    const height = await settledHeight(page);
    await page.evaluate(
      ({ shareCode, forgerUrl }) => {
        window.postMessage({ type: 'chatshare:height', code: shareCode, height: 1111 }, '*');
        const sameSite = document.createElement('iframe');
        sameSite.src = forgerUrl;
        document.body.appendChild(sameSite);
        const opaque = document.createElement('iframe');
        opaque.setAttribute('sandbox', 'allow-scripts');
        opaque.srcdoc = `<script>parent.postMessage({ type: 'chatshare:height', code: '${shareCode}', height: 2222 }, '*');</script>`;
        document.body.appendChild(opaque);
      },
      { shareCode: code, forgerUrl: `${blogBase}/forger.html` },
    );
    // Give the forged messages time to arrive, and check a real one would still get through.
    await page.waitForFunction(() => document.querySelectorAll('iframe').length === 3);
    await page.waitForTimeout(500);
    const after = await page.locator('#embed iframe').evaluate((frame) => frame.getBoundingClientRect().height);
    expect(after).toBe(height);
    await context.close();
  });

  it('follows the content when it changes height (a narrower window)', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    await page.goto(`${blogBase}/`);
    const wide = await settledHeight(page);
    await page.setViewportSize({ width: 420, height: 700 });
    await page.waitForFunction(
      (previous) => document.querySelector('#embed iframe')!.getBoundingClientRect().height > previous,
      wide,
    );
    const narrow = embedFrame(page);
    const content = await narrow.evaluate(() => document.documentElement.getBoundingClientRect().height);
    await page.waitForTimeout(300);
    const height = await page.locator('#embed iframe').evaluate((frame) => frame.getBoundingClientRect().height);
    expect(Math.abs(height - content)).toBeLessThanOrEqual(2);
    await context.close();
  });
});
