/**
 * "Print / save as PDF" from a share page, in real Chromium: the page's print stylesheet must
 * put every message into the PDF, whole and in order, however long it is (long prose, code
 * with lines wider than the page, reasoning that is collapsed on screen, tool output). The
 * PDF's text is read back with poppler's `pdftotext`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { signUp, type TestUser } from '../helpers/api.js';
import { shareOf } from '../pages/helpers.js';
import { hasChromium, launchBrowser, listen, watch } from './browser.js';
import { expectQuiet } from './inspect.js';

const PDFTOTEXT = '/usr/bin/pdftotext';
const canRun = hasChromium && existsSync(PDFTOTEXT);
const run = promisify(execFile);

let t: TestApp;
let owner: TestUser;
let browser: Browser;
let base: string;
let dir: string;

beforeAll(async () => {
  if (!canRun) return;
  t = await buildTestApp({}, { rateLimits: { auth: { max: 1000, windowMs: 60_000 } } });
  owner = await signUp(t.app);
  base = await listen(t.app);
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(tmpdir(), 'chatshare-pdf-'));
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// Words without the letter pairs fonts draw as ligatures (fi, fl, ff), so the text the PDF
// gives back is the text that went in, letter for letter.
const WORDS = ['harbour', 'lantern', 'copper', 'meadow', 'signal', 'orbit', 'quartz', 'river', 'timber', 'violet'];
const prose = (seed: number, count: number) =>
  Array.from({ length: count }, (_, index) => WORDS[(seed * 7 + index * 3) % WORDS.length]).join(' ');

interface Expected {
  /** Text that must appear in the PDF, in this order, ignoring white space. */
  texts: string[];
}

/** 40 messages: short and very long prose, wide code, reasoning and tool output. */
function buildLongConversation() {
  const messages: Record<string, unknown>[] = [];
  const expected: Expected[] = [];
  for (let index = 0; index < 40; index++) {
    const id = `n${index}`;
    const parentId = index === 0 ? null : `n${index - 1}`;
    const start = `Start${index}x`;
    const end = `End${index}x`;
    if (index % 2 === 0) {
      const text = `${start} ${prose(index, index % 8 === 0 ? 400 : 12)} ${end}`;
      messages.push({ id, parentId, role: 'user', parts: [{ type: 'text', text }] });
      expected.push({ texts: [text] });
      continue;
    }
    // A code line far wider than an A4 page, and a second one after it.
    const wide = `const line${index} = [${Array.from({ length: 40 }, (_, k) => `"${WORDS[k % 10]}${k}"`).join(', ')}]; // Wide${index}x`;
    const code = `${wide}\nexport default line${index}; // Code${index}x`;
    const reasoning = `Reason${index}x ${prose(index + 1, 20)}`;
    const answer = `${start} ${prose(index + 2, index % 5 === 0 ? 600 : 30)} ${end}`;
    const parts: Record<string, unknown>[] = [
      { type: 'reasoning', text: reasoning },
      { type: 'text', text: answer },
      { type: 'code', language: 'javascript', text: code },
    ];
    const texts = [reasoning, answer, wide, `export default line${index}; // Code${index}x`];
    if (index % 3 === 0) {
      const output = `Tool${index}x ${prose(index + 3, 25)}`;
      parts.push({ type: 'tool_result', name: 'search', output });
      texts.push(output);
    }
    messages.push({ id, parentId, role: 'assistant', parts });
    expected.push({ texts });
  }
  return {
    conversation: { title: 'A very long conversation', messages, currentLeafId: 'n39' },
    expected,
  };
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

describe.skipIf(!canRun)('printing a share page to PDF', () => {
  it('puts every message, whole and in order, into the PDF', async () => {
    const { conversation, expected } = buildLongConversation();
    const share = await shareOf(t, owner, {}, conversation);
    const context = await browser.newContext();
    const page = await context.newPage();
    const events = await watch(page);
    const response = await page.goto(`${base}/s/${share.shortCode}`);
    expect(response?.status()).toBe(200);
    const file = path.join(dir, 'share.pdf');
    await writeFile(file, await page.pdf({ format: 'A4', printBackground: true }));
    const { stdout } = await run(PDFTOTEXT, ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    expectQuiet(await events());
    await context.close();

    const text = squeeze(stdout);
    expect(text).toContain(squeeze('A very long conversation'));
    // Several pages: a conversation this long does not fit on one, and none of it may be lost at a break.
    expect(stdout.split('\f').filter((sheet) => sheet.trim() !== '').length).toBeGreaterThan(5);
    let cursor = 0;
    expected.forEach(({ texts }, index) => {
      for (const piece of texts) {
        const at = text.indexOf(squeeze(piece), cursor);
        expect(at, `message ${index + 1}: "${piece.slice(0, 40)}…" is missing or out of order`).toBeGreaterThanOrEqual(
          0,
        );
        cursor = at + squeeze(piece).length;
      }
    });
    // The screen-only parts stay out of print: the copy buttons and the link field.
    expect(stdout).not.toContain('Copy link');
  });
});
