/**
 * The explore page with hostile content, in real Chromium. End to end: shares whose titles,
 * messages and models are XSS payloads, listed and searched (with payloads as the search
 * words), must run nothing. Then every payload of the corpora is rendered as a title, a
 * marked excerpt, a model, an author and a search, and parsed by Chromium: each stays text.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExploreItem } from '../../src/presenters/explore.js';
import { renderExplorePage } from '../../src/views/render-explore.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { signUp, type TestUser } from '../helpers/api.js';
import { allPayloads } from '../fixtures/adversarial.js';
import { publish } from '../explore/helpers.js';
import { hasChromium, launchBrowser, listen, screenshotPath, VIEWPORTS, watch } from './browser.js';
import { expectQuiet, inspectPage } from './inspect.js';

const payloads = allPayloads();
const scripted = payloads.filter(
  (payload) => /<script|onerror|onload|javascript:/i.test(payload) && payload.length <= 300,
);
const SHARES = 45;

let t: TestApp;
let owner: TestUser;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!hasChromium) return;
  const plenty = { max: 10_000, windowMs: 60_000 };
  t = await buildTestApp({}, { rateLimits: { explore: plenty, shareCreate: plenty } });
  owner = await signUp(t.app);
  const size = Math.ceil(payloads.length / SHARES);
  for (let index = 0; index < SHARES; index++) {
    const batch = payloads.slice(index * size, (index + 1) * size);
    await publish(t, owner, {
      title: scripted[index]!,
      models: [scripted[index + SHARES]!.slice(0, 100)],
      messages: batch.map((payload, position) => ({
        id: `m${position}`,
        parentId: position === 0 ? null : `m${position - 1}`,
        role: position % 2 === 0 ? 'user' : 'assistant',
        parts: [{ type: 'text', text: `${payload} script onerror alert` }],
      })),
      currentLeafId: `m${batch.length - 1}`,
    });
  }
  base = await listen(t.app);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** What a rendered explore page must not hold, without the fields that do not apply to it. */
const inspectExplore = async (page: Page) => {
  const { images: _images, ...found } = await inspectPage(page, {
    embedded: 'iframe, frame, object, embed, base, img, svg, math, video, audio',
    links: 'same-origin',
  });
  return found;
};

describe.skipIf(!hasChromium)('explore with hostile content in Chromium', () => {
  const searches = ['', 'script', 'onerror alert', ...scripted.slice(0, 12)];

  it.each(searches.map((q, index) => [index, q] as const))(
    'runs nothing on explore search %i',
    async (_index, q) => {
      const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
      const events = await watch(page);
      const pages = q === '' ? ['/explore', '/explore?sort=views'] : [`/explore?q=${encodeURIComponent(q)}`];
      for (const path of pages) {
        let next: string | null = path;
        while (next) {
          const response = await page.goto(`${base}${next}`, { waitUntil: 'load' });
          expect(response?.status()).toBe(200);
          expect(await inspectExplore(page)).toEqual({
            handlers: [],
            scripts: 0,
            styled: 0,
            embedded: 0,
            forms: 1,
            links: [],
            marks: 0,
          });
          next = await page.evaluate(() => document.querySelector('a[rel="next"]')?.getAttribute('href') ?? null);
        }
      }
      if (q === '') {
        expect(await page.locator('.explore-item').count()).toBe(SHARES - 40);
        await page.screenshot({ path: await screenshotPath('explore-hostile-desktop') });
      }
      if (q === 'script') {
        expect(await page.locator('.explore-item').count()).toBeGreaterThan(0);
        expect(await page.locator('.explore-excerpt mark').count()).toBeGreaterThan(0);
      }
      await page.waitForTimeout(100);
      expectQuiet(await events());
      await page.close();
    },
    60_000,
  );

  it('keeps every payload text as a title, a marked excerpt, a model, an author and a search', async () => {
    const page = await browser.newPage();
    const failures: string[] = [];
    for (let start = 0; start < payloads.length; start += 400) {
      const chunk = payloads.slice(start, start + 400);
      const documents = chunk.map((payload) => {
        const chars = Array.from(payload);
        const half = Math.floor(chars.length / 2);
        const [head, tail] = [chars.slice(0, half).join(''), chars.slice(half).join('')];
        const item: ExploreItem = {
          shortCode: 'AAAAAAAAAAAA',
          url: 'http://localhost:3000/s/AAAAAAAAAAAA',
          title: payload,
          titleHighlights: [
            { text: head, match: true },
            { text: tail, match: false },
          ],
          excerpt: [
            { text: head, match: false },
            { text: tail, match: true },
          ],
          messageCount: 2,
          models: [payload],
          views: 3,
          publishedAt: '2026-06-01T12:00:00.000Z',
          sharedBy: payload,
        };
        return renderExplorePage(
          { q: payload, sort: 'relevance', items: [item], nextCursor: null, paged: false, badCursor: false },
          'en',
          'http://localhost:3000',
        );
      });
      const results = await page.evaluate(
        ({ documents, chunk }) =>
          documents.map((html, index) => {
            const doc = new DOMParser().parseFromString(html, 'text/html');
            // What the HTML parser itself does to any text: newlines normalised, NUL replaced.
            const text = chunk[index]!.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
            let handlers = 0;
            for (const element of doc.querySelectorAll('*')) {
              for (const attribute of element.attributes) if (/^on/i.test(attribute.name)) handlers++;
            }
            const title = doc.querySelector('.explore-item-title a');
            // A blank excerpt is left out (JavaScript's trim() counts U+FEFF as blank too).
            const blank = chunk[index]!.trim() === '';
            const marks = (Array.from(chunk[index]!).length > 1 ? 1 : 0) + (blank ? 0 : 1);
            const ok =
              (chunk[index] === '' || title?.textContent === text) &&
              (blank
                ? doc.querySelector('.explore-excerpt') === null
                : doc.querySelector('.explore-excerpt')?.textContent === text) &&
              (doc.querySelector('.explore-models')?.textContent ?? '') === text &&
              doc.querySelector<HTMLInputElement>('#explore-q')?.value === text.replace(/[\r\n]/g, '') &&
              doc.querySelectorAll('mark').length === marks &&
              doc.scripts.length === 0 &&
              doc.querySelectorAll('[style], iframe, object, embed, base, img, svg, math').length === 0 &&
              doc.forms.length === 1 &&
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
