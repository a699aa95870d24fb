/**
 * Every line of the XSS payload lists and every Big List of Naughty Strings entry, rendered
 * in real Chromium: as markdown text, code, link and image targets, tool calls and results,
 * author names and titles. Nothing may run (dialog functions, print and canary globals are
 * hooked before any page script), nothing may be blocked trying (no CSP violation), no
 * element may carry an event handler or a style, and every message must still be there.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderConversationPage } from '../../src/views/render.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { signUp, type TestUser } from '../helpers/api.js';
import { allPayloads, loadCorpora } from '../fixtures/adversarial.js';
import { shareOf } from '../pages/helpers.js';
import { hasChromium, launchBrowser, listen, screenshotPath, VIEWPORTS, watch } from './browser.js';
import { expectQuiet, inspectPage } from './inspect.js';

// Eight pages of about 950 payloads each (6 MB of HTML apiece): a few seconds per page.
const BATCHES = 8;
const payloads = allPayloads();
const codePoints = (text: string, max: number) => Array.from(text).slice(0, max).join('');

let t: TestApp;
let owner: TestUser;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!hasChromium) return;
  t = await buildTestApp({}, { rateLimits: { auth: { max: 1000, windowMs: 60_000 } } });
  owner = await signUp(t.app);
  base = await listen(t.app);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

function hostileConversation(title: string, batch: string[]) {
  const messages = batch.map((payload, index) => ({
    id: `p${index}`,
    parentId: index === 0 ? null : `p${index - 1}`,
    role: index % 2 === 0 ? 'user' : 'assistant',
    author: codePoints(payload, 120),
    parts: [
      { type: 'text', text: payload },
      { type: 'code', language: 'html', text: payload },
      { type: 'text', text: `[link](<${payload}>) ![image](<${payload}>) \`${payload}\` $${payload}$` },
      { type: 'image', src: payload, alt: codePoints(payload, 1000) },
      { type: 'tool_call', name: codePoints(payload, 200), input: { payload } },
      { type: 'tool_result', name: codePoints(payload, 200), output: payload },
    ],
  }));
  return { title, messages, currentLeafId: `p${batch.length - 1}` };
}

// The page's own "Share as image" form, in its reader menu, is the one form a page may hold.
const EMBEDDED =
  'iframe, frame, object, embed, base, form:not(.reader-menu > ul form), video, audio, meta[http-equiv], svg:not(.katex svg), math:not(.katex math)';

describe.skipIf(!hasChromium)('hostile content in Chromium', () => {
  it('loads every corpus', () => {
    const corpora = loadCorpora();
    expect(corpora.find((corpus) => corpus.name === 'payloadbox-xss-payload-list.txt')!.strings).toHaveLength(6613);
    expect(corpora.find((corpus) => corpus.name === 'blns.json')!.strings).toHaveLength(515);
    expect(payloads.length).toBeGreaterThan(7000);
  });

  const size = Math.ceil(payloads.length / BATCHES);
  const titled = payloads.filter((payload) => /<script|onerror|javascript:/i.test(payload) && payload.length <= 300);

  it.each(Array.from({ length: BATCHES }, (_, index) => index))(
    'runs nothing from batch %i of the payloads, and shows every message',
    async (index) => {
      const batch = payloads.slice(index * size, (index + 1) * size);
      const share = await shareOf(t, owner, { showAuthor: true }, hostileConversation(titled[index]!, batch));
      const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
      const events = await watch(page);
      const response = await page.goto(`${base}/s/${share.shortCode}`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      await page.waitForTimeout(150);
      expect(await page.locator('.cs-message').count()).toBe(batch.length);
      expect(await page.locator('h1.cs-title').count()).toBe(1);
      const { handlers, scripts, styled, embedded, links, images } = await inspectPage(page, {
        embedded: EMBEDDED,
        links: 'web',
      });
      expect({ handlers, scripts, styled, embedded, links, images }).toEqual({
        handlers: [],
        scripts: 1,
        styled: 0,
        embedded: 0,
        links: [],
        images: [],
      });
      const seen = await events();
      expectQuiet(seen);
      expect(seen.console.filter((line) => line.startsWith('error'))).toEqual([]);
      if (index === 0) await page.screenshot({ path: await screenshotPath('xss-batch-0-desktop') });
      await page.close();
    },
    60_000,
  );

  it('keeps every payload a plain title and author name in Chromium’s HTML parser', async () => {
    const page = await browser.newPage();
    const failures: string[] = [];
    for (let start = 0; start < payloads.length; start += 500) {
      const chunk = payloads.slice(start, start + 500);
      const documents = chunk.map((payload) => {
        const { html } = renderConversationPage({
          conversation: {
            title: payload,
            sharedAt: '2026-06-01T12:00:00.000Z',
            messages: [{ id: 'm1', role: 'assistant', author: payload, parts: [{ type: 'text', text: 'hi' }] }],
          },
          locale: 'en',
          shareUrl: 'http://localhost:3000/s/AAAAAAAAAAAA',
          indexable: false,
        });
        return html;
      });
      const results = await page.evaluate(
        ({ documents, chunk }) =>
          documents.map((html, index) => {
            const doc = new DOMParser().parseFromString(html, 'text/html');
            // What the HTML parser itself does to any text: newlines normalised, NUL replaced.
            const text = chunk[index]!.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
            const shown = chunk[index] === '' ? 'Untitled conversation' : text;
            let handlers = 0;
            for (const element of doc.querySelectorAll('*')) {
              for (const attribute of element.attributes) if (/^on/i.test(attribute.name)) handlers++;
            }
            const ok =
              doc.querySelectorAll('title').length === 1 &&
              doc.querySelector('title')?.textContent === `${shown} · chatshare` &&
              doc.querySelector('h1')?.textContent === shown &&
              doc.querySelector('.cs-author')?.textContent === (chunk[index] === '' ? 'Assistant' : text) &&
              doc.querySelectorAll('h1').length === 1 &&
              doc.scripts.length === 1 &&
              doc.querySelectorAll('meta').length === 5 &&
              doc.querySelectorAll('[style], iframe, object, embed, base, form, img').length === 0 &&
              handlers === 0;
            return ok ? null : index;
          }),
        { documents, chunk },
      );
      for (const index of results) if (index !== null) failures.push(JSON.stringify(chunk[index]));
    }
    expect(failures).toEqual([]);
    await page.close();
  }, 120_000);
});
