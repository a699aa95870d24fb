/**
 * Packs measured rows into images no taller than IMAGE_MAX_HEIGHT. Images end between rows
 * only (a paragraph, a list item, one line of code), never inside one, so no text is cut at
 * an image's bottom edge; a label or a code block's top bar never ends an image; a message
 * that goes on in the next image starts there with its label again.
 */
import {
  BUBBLE_BORDER,
  BUBBLE_GAP,
  BUBBLE_PADDING,
  FOOTER_GAP,
  IMAGE_MAX_HEIGHT,
  PAGE_PADDING,
} from './conversation-rows.js';

export interface MeasuredMessage {
  /** Heights of its rows; row 0 is its label. */
  rows: number[];
  /** Height of its label when it goes on from the previous image. */
  continuedLabel: number;
  /** Rows that must not end an image. */
  keepWithNext: boolean[];
}

export interface Segment {
  message: number;
  /** Row indexes in this image, in order. */
  rows: number[];
  /** It starts in the middle of the message: its label says it goes on. */
  continued: boolean;
}

export type Page = Segment[];

const bubbleFrame = 2 * BUBBLE_PADDING.y + 2 * BUBBLE_BORDER;

/** The height an image of these segments takes, its footer included. */
export function pageHeight(page: Page, messages: MeasuredMessage[], footer: number): number {
  let height = 2 * PAGE_PADDING + FOOTER_GAP + footer;
  page.forEach((segment, index) => {
    const message = messages[segment.message]!;
    height += (index > 0 ? BUBBLE_GAP : 0) + bubbleFrame;
    if (segment.continued) height += message.continuedLabel;
    for (const row of segment.rows) height += message.rows[row]!;
  });
  return height;
}

/**
 * @example paginate([{ rows: [30, 40], continuedLabel: 30, keepWithNext: [true, false] }], 80) // one page
 */
export function paginate(messages: MeasuredMessage[], footer: number, maxHeight = IMAGE_MAX_HEIGHT): Page[] {
  const pages: Page[] = [[]];
  const fits = (page: Page) => pageHeight(page, messages, footer) <= maxHeight;
  messages.forEach((message, index) => {
    let row = 0;
    while (row < message.rows.length) {
      // The rows that go together: a label or a code block's top, with what follows it.
      let end = row + 1;
      while (end < message.rows.length && message.keepWithNext[end - 1]) end++;
      const group = Array.from({ length: end - row }, (_, offset) => row + offset);
      const page = pages.at(-1)!;
      const last = page.at(-1);
      const tried: Page =
        last?.message === index
          ? [...page.slice(0, -1), { ...last, rows: [...last.rows, ...group] }]
          : [...page, { message: index, rows: group, continued: row > 0 }];
      if (fits(tried) || page.length === 0) {
        pages[pages.length - 1] = tried;
        row = end;
        continue;
      }
      // Too tall for what is left of this image: the next one, where it goes on as a new bubble.
      pages.push([]);
    }
  });
  return pages.filter((page) => page.length > 0);
}
