/**
 * The layout of conversation images, checked on what satori laid out and resvg drew (no
 * stand-ins): every element box inside the image, no text in the bottom or side padding,
 * the padding's pixels all background; Japanese wraps, Arabic sits on the right, a code block
 * taller than an image is split between its lines, each line in exactly one image.
 * Images are saved under test-results/og for a look.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SharedMessage } from '@chatshare/core';
import { describe, expect, it } from 'vitest';
import {
  drawConversationPart,
  planConversationImages,
  type ConversationImageInput,
  type DrawnPart,
} from '../../src/og/conversation-image.js';
import { paginate } from '../../src/og/image-packing.js';
import { IMAGE_MAX_HEIGHT, IMAGE_WIDTH, PAGE_PADDING } from '../../src/og/conversation-rows.js';
import { imageLabels } from '../../src/og/image-labels.js';
import { pieces } from '../../src/og/message-blocks.js';
import type { Locale } from '../../src/views/i18n.js';
import { pngText, withPngText } from '../../src/og/png-text.js';
import { decodePng, pngSize, type DecodedPng } from './helpers.js';
import { ARABIC, JAPANESE, LATIN, longCode, type FixtureMessage } from './share-image-fixtures.js';

const ARTIFACTS = fileURLToPath(new URL('../../../../test-results/og/', import.meta.url));

const sharedMessages = (messages: FixtureMessage[]): SharedMessage[] =>
  messages.map((message, index) => ({
    id: `m${index + 1}`,
    parentId: index === 0 ? null : `m${index}`,
    role: message.role,
    parts: [{ type: 'text', text: message.text }],
  }));

async function drawAll(
  name: string,
  messages: FixtureMessage[],
  theme: 'light' | 'dark' = 'light',
  locale: Locale = 'en',
) {
  const input: ConversationImageInput = {
    title: `Golden ${name}`,
    url: 'https://chat.example.com/s/AbCdEfGhIjKl',
    messages: sharedMessages(messages),
    theme,
    labels: imageLabels(locale),
  };
  const plan = await planConversationImages(input);
  const parts: DrawnPart[] = [];
  for (let part = 1; part <= plan.pages.length; part++) parts.push((await drawConversationPart(plan, input, part))!);
  await mkdir(ARTIFACTS, { recursive: true });
  await Promise.all(
    parts.map((part, index) => writeFile(path.join(ARTIFACTS, `conversation-${name}-${index + 1}.png`), part.png)),
  );
  return parts;
}

const pixel = (image: DecodedPng, x: number, y: number) => image.pixels.readUInt32BE((y * image.width + x) * 4);

/** The checks every image must pass: boxes inside, nothing in the padding, pixels there background. */
function expectNothingCutOrOverflowing(part: DrawnPart) {
  const size = pngSize(part.png);
  expect(size).toEqual({ width: IMAGE_WIDTH, height: part.height });
  expect(part.height).toBeLessThanOrEqual(IMAGE_MAX_HEIGHT);
  const slack = 0.5;
  for (const box of part.boxes) {
    expect(box.left).toBeGreaterThanOrEqual(-slack);
    expect(box.top).toBeGreaterThanOrEqual(-slack);
    expect(box.left + box.width).toBeLessThanOrEqual(IMAGE_WIDTH + slack);
    expect(box.top + box.height).toBeLessThanOrEqual(part.height + slack);
  }
  const texts = part.boxes.filter((box) => box.textContent);
  expect(texts.length).toBeGreaterThan(0);
  for (const box of texts) {
    // Text stays out of the padding: no line crosses the bottom edge or runs off a side.
    expect(box.top + box.height).toBeLessThanOrEqual(part.height - PAGE_PADDING + slack);
    expect(box.left).toBeGreaterThanOrEqual(PAGE_PADDING - slack);
    expect(box.left + box.width).toBeLessThanOrEqual(IMAGE_WIDTH - PAGE_PADDING + slack);
  }
  const image = decodePng(part.png);
  const background = pixel(image, 0, 0);
  const edge = PAGE_PADDING - 8;
  const drawnInPadding: [number, number][] = [];
  for (let y = 0; y < image.height; y++) {
    const inBottom = y >= image.height - edge;
    for (let x = 0; x < image.width; x++) {
      if ((inBottom || x < edge || x >= image.width - edge) && pixel(image, x, y) !== background)
        drawnInPadding.push([x, y]);
    }
  }
  expect(drawnInPadding.slice(0, 5)).toEqual([]);
}

describe('golden layouts', () => {
  it('Latin: long words and URLs wrap, lists, quotes and math are drawn, nothing is cut', async () => {
    const parts = await drawAll('latin', LATIN);
    expect(parts).toHaveLength(1);
    parts.forEach(expectNothingCutOrOverflowing);
    const text = parts[0]!.boxes.map((box) => box.textContent ?? '').join(' ');
    // Math reads as text; the list keeps its numbers.
    expect(text).toContain('n - 1');
    expect(parts[0]!.boxes.some((box) => box.textContent?.includes('√'))).toBe(true);
    // A table row is one line of its cells, the header's set bold.
    expect(parts[0]!.boxes.some((box) => box.textContent === 'Result')).toBe(true);
    expect(text).toContain('fact(3)');
  }, 60_000);

  it('Japanese: text without spaces wraps inside the image', async () => {
    const parts = await drawAll('japanese', JAPANESE);
    parts.forEach(expectNothingCutOrOverflowing);
    const paragraph = parts[0]!.boxes.find((box) => box.textContent?.startsWith('一日目は'));
    expect(paragraph).toBeDefined();
    // Several lines, each within the bubble.
    expect(paragraph!.height).toBeGreaterThan(26 * 1.5 * 3);
    expect(paragraph!.left + paragraph!.width).toBeLessThanOrEqual(IMAGE_WIDTH - PAGE_PADDING);
  }, 60_000);

  it('Arabic: a right-to-left paragraph is drawn on the right', async () => {
    const parts = await drawAll('arabic', ARABIC, 'dark');
    parts.forEach(expectNothingCutOrOverflowing);
    const question = parts[0]!.boxes.find((box) => box.textContent === ARABIC[0]!.text)!;
    expect(question).toBeDefined();
    const image = decodePng(parts[0]!.png);
    const y0 = Math.ceil(question.top);
    const y1 = Math.floor(question.top + question.height);
    const inside = pixel(image, Math.ceil(question.left) + 1, y0);
    let leftmost = IMAGE_WIDTH;
    let rightmost = 0;
    for (let y = y0; y < y1; y++) {
      for (let x = Math.ceil(question.left); x < Math.floor(question.left + question.width); x++) {
        if (pixel(image, x, y) === inside) continue;
        leftmost = Math.min(leftmost, x);
        rightmost = Math.max(rightmost, x);
      }
    }
    // The short line ends at the right edge of its box and leaves the left half empty.
    expect(rightmost).toBeGreaterThan(question.left + question.width - 12);
    expect(leftmost).toBeGreaterThan(question.left + question.width / 2);
  }, 60_000);

  it('a long code block: split between its lines over several images, every line in exactly one (German labels)', async () => {
    const lines = 160;
    const parts = await drawAll('long-code', longCode(lines), 'light', 'de');
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach(expectNothingCutOrOverflowing);
    const seen = new Map<string, number>();
    for (const part of parts) {
      for (const box of part.boxes) {
        const line = /^# line (\d+)$/.exec(box.textContent ?? '')?.[1];
        if (line) seen.set(line, (seen.get(line) ?? 0) + 1);
      }
    }
    expect(seen.size).toBe(lines);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    // Each image after the first says the message goes on, and which image it is (in German here).
    parts.slice(1).forEach((part, index) => {
      const texts = part.boxes.map((box) => box.textContent);
      expect(texts).toContain('(Fortsetzung)');
      expect(texts).toContain(`Teil ${index + 2} von ${parts.length}`);
    });
  }, 120_000);
});

describe('packing rows into images', () => {
  const message = (rows: number[]) => ({ rows, continuedLabel: 30, keepWithNext: rows.map((_, i) => i === 0) });

  it('ends an image between rows, never after a label, and starts the rest with its label again', () => {
    // Frame: 2 x 48 padding + 28 footer gap + 100 footer = 224; a bubble adds 42.
    const pages = paginate([message([30, 500, 500]), message([30, 600])], 100, 1500);
    expect(pages).toEqual([
      [{ message: 0, rows: [0, 1, 2], continued: false }],
      [{ message: 1, rows: [0, 1], continued: false }],
    ]);
    const split = paginate([message([30, 700, 700, 700])], 100, 1800);
    expect(split).toEqual([
      [{ message: 0, rows: [0, 1, 2], continued: false }],
      [{ message: 0, rows: [3], continued: true }],
    ]);
  });

  it('cuts a paragraph too long for one image at sentence ends', () => {
    const text = Array.from({ length: 100 }, () => 'One sentence here.').join(' ');
    const cut = pieces([{ text }], 200);
    expect(cut.length).toBeGreaterThan(5);
    expect(cut.every((piece) => piece.reduce((sum, run) => sum + run.text.length, 0) <= 200)).toBe(true);
    expect(cut.map((piece) => piece.map((run) => run.text).join('')).join(' ')).toBe(text);
  });

  it('keeps the number of images in the PNG, which stays a valid PNG', async () => {
    const parts = await drawAll('text-chunk', LATIN.slice(0, 1));
    const png = withPngText(parts[0]!.png, 'chatshare-parts', '3');
    expect(pngText(png, 'chatshare-parts')).toBe('3');
    expect(decodePng(png).width).toBe(IMAGE_WIDTH);
  }, 60_000);
});
