/**
 * Draws chosen messages of a conversation as PNG images 1080 px wide, with the engine of the
 * preview cards (satori lays out, resvg rasterises, fonts and emoji from npm packages, no
 * URL ever fetched). Rows are laid out once to learn their heights, packed into images
 * (image-packing.ts), and the asked-for image is laid out again from the same rows, so
 * it is exactly as tall as its content.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { SharedMessage } from '@chatshare/core';
import { paletteOf, type ImageTheme, type Palette } from './conversation-palette.js';
import { paginate, pageHeight, type MeasuredMessage, type Page } from './image-packing.js';
import {
  asNode,
  BUBBLE_BORDER,
  BUBBLE_GAP,
  BUBBLE_PADDING,
  blockRows,
  FONT,
  FOOTER_GAP,
  h,
  IMAGE_WIDTH,
  labelRow,
  MONO,
  PAGE_PADDING,
  type Element,
  type Row,
} from './conversation-rows.js';
import { textDirection } from './direction.js';
import { emojiDataUri } from './emoji.js';
import type { ImageLabels } from './image-labels.js';
import { fontData, subsetsFor } from './font-catalog.js';
import { messageBlocks } from './message-blocks.js';
import { loadResvg, loadSatori } from './render.js';

export interface ConversationImageInput {
  title: string;
  /** The link's address, shown in the footer. */
  url: string;
  messages: SharedMessage[];
  theme: ImageTheme;
  labels: ImageLabels;
}

export interface SatoriBox {
  key?: string | number;
  type: string;
  left: number;
  top: number;
  width: number;
  height: number;
  textContent?: string;
}

export interface DrawnPart {
  png: Buffer;
  svg: string;
  width: number;
  height: number;
  parts: number;
  /** Every element satori laid out, for layout checks. */
  boxes: SatoriBox[];
}

const require = createRequire(import.meta.url);
// KaTeX's typewriter face: monospaced, shipped with a dependency the server already has.
const MONO_FILE = path.join(
  path.dirname(require.resolve('katex/package.json')),
  'dist/fonts/KaTeX_Typewriter-Regular.ttf',
);

interface Prepared {
  rows: Row[][];
  continuedLabels: Row[];
  text: string;
}

function prepare(input: ConversationImageInput): Prepared {
  const rows = input.messages.map((message) => [
    labelRow(input.labels.role[message.role], message.author ?? message.model),
    ...messageBlocks(message, input.labels).flatMap(blockRows),
  ]);
  const continuedLabels = input.messages.map((message) =>
    labelRow(input.labels.role[message.role], input.labels.continued),
  );
  const text = [input.title, input.url, input.labels.part(1234567890, 99), ...rows.flat(), ...continuedLabels]
    .map((row) => (typeof row === 'string' ? row : row.text))
    .join(' ');
  return { rows, continuedLabels, text };
}

function footer(input: ConversationImageInput, palette: Palette, part: number, parts: number): Element {
  return h(
    'div',
    {
      flexDirection: 'column',
      flexShrink: 0,
      width: IMAGE_WIDTH - 2 * PAGE_PADDING,
      marginTop: FOOTER_GAP,
      paddingTop: 20,
      borderTop: `1px solid ${palette.border}`,
      gap: 6,
    },
    h(
      'div',
      { justifyContent: 'space-between', alignItems: 'flex-start', gap: 24 },
      h(
        'div',
        {
          display: 'block',
          flexShrink: 1,
          fontSize: 24,
          fontWeight: 700,
          lineHeight: 1.35,
          color: palette.text,
          lineClamp: 2,
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          wordBreak: 'break-word',
          direction: textDirection(input.title),
        },
        input.title,
      ),
      h(
        'div',
        { flexShrink: 0, fontSize: 20, lineHeight: 1.6, color: palette.muted },
        parts > 1 ? input.labels.part(part, parts) : 'chatshare',
      ),
    ),
    h(
      'div',
      { display: 'block', fontSize: 20, lineHeight: 1.4, color: palette.accent, wordBreak: 'break-all' },
      input.url,
    ),
  );
}

async function fontsFor(text: string) {
  const subsets = await subsetsFor(text);
  const fonts = await Promise.all(
    subsets.map(async (subset, index) => ({
      name: index === 0 ? FONT : `${FONT} fallback ${index}`,
      data: await fontData(subset.file),
      weight: subset.weight,
      style: 'normal' as const,
    })),
  );
  fonts.push({ name: MONO, data: await fontData(MONO_FILE), weight: 400, style: 'normal' as const });
  return fonts;
}

type Fonts = Awaited<ReturnType<typeof fontsFor>>;

async function layout(root: Element, fonts: Fonts) {
  const satori = await loadSatori();
  const boxes: SatoriBox[] = [];
  const svg = await satori(asNode(root), {
    width: IMAGE_WIDTH,
    fonts,
    loadAdditionalAsset: async (code, segment) => (code === 'emoji' ? emojiDataUri(segment) : ''),
    onNodeDetected: (node) =>
      boxes.push({
        ...(node.key !== undefined ? { key: node.key } : {}),
        type: node.type,
        left: node.left,
        top: node.top,
        width: node.width,
        height: node.height,
        ...(node.textContent !== undefined ? { textContent: node.textContent } : {}),
      }),
  });
  return { svg, boxes };
}

const keyed = (element: Element, key: string): Element => ({ ...element, key });

const frame = (palette: Palette, ...children: Element[]) =>
  h(
    'div',
    {
      flexDirection: 'column',
      width: IMAGE_WIDTH,
      padding: PAGE_PADDING,
      background: palette.background,
      color: palette.text,
      fontFamily: FONT,
    },
    ...children,
  );

/** Every row laid out once, in a column of the rows' width: their heights, by message. */
async function measure(prepared: Prepared, input: ConversationImageInput, palette: Palette, fonts: Fonts) {
  const elements: Element[] = [];
  prepared.rows.forEach((rows, message) => {
    rows.forEach((row, index) => elements.push(keyed(row.element(palette), `r-${message}-${index}`)));
    elements.push(keyed(prepared.continuedLabels[message]!.element(palette), `c-${message}`));
  });
  elements.push(keyed(footer(input, palette, 99, 99), 'footer'));
  const { boxes } = await layout(frame(palette, ...elements), fonts);
  const heights = new Map(boxes.filter((box) => typeof box.key === 'string').map((box) => [box.key, box.height]));
  const measured: MeasuredMessage[] = prepared.rows.map((rows, message) => ({
    rows: rows.map((_, index) => heights.get(`r-${message}-${index}`) ?? 0),
    continuedLabel: heights.get(`c-${message}`) ?? 0,
    keepWithNext: rows.map((row) => row.keepWithNext ?? false),
  }));
  // The footer's top margin is counted by pageHeight apart from its box.
  return { measured, footer: heights.get('footer') ?? 0 };
}

function pageTree(
  page: Page,
  prepared: Prepared,
  input: ConversationImageInput,
  palette: Palette,
  parts: number,
  part: number,
) {
  const bubbles = page.map((segment, index) => {
    const message = input.messages[segment.message]!;
    const rows = prepared.rows[segment.message]!;
    const children = [
      ...(segment.continued ? [prepared.continuedLabels[segment.message]!.element(palette)] : []),
      ...segment.rows.map((row) => rows[row]!.element(palette)),
    ];
    return h(
      'div',
      {
        flexDirection: 'column',
        flexShrink: 0,
        marginTop: index > 0 ? BUBBLE_GAP : 0,
        padding: `${BUBBLE_PADDING.y}px ${BUBBLE_PADDING.x}px`,
        borderRadius: 20,
        border: `${BUBBLE_BORDER}px solid ${message.role === 'user' ? palette.userBubble : palette.border}`,
        background: message.role === 'user' ? palette.userBubble : palette.background,
      },
      ...children,
    );
  });
  return frame(palette, ...bubbles, footer(input, palette, part, parts));
}

/** How the chosen messages split into images, without drawing any. */
export async function planConversationImages(input: ConversationImageInput) {
  const prepared = prepare(input);
  const palette = paletteOf(input.theme);
  const fonts = await fontsFor(prepared.text);
  const { measured, footer: footerHeight } = await measure(prepared, input, palette, fonts);
  const pages = paginate(measured, footerHeight);
  return { prepared, palette, fonts, pages, heights: pages.map((page) => pageHeight(page, measured, footerHeight)) };
}

export type ConversationPlan = Awaited<ReturnType<typeof planConversationImages>>;

/** Image `part` (1-based) of a plan; undefined when the plan has fewer images. */
export async function drawConversationPart(
  plan: ConversationPlan,
  input: ConversationImageInput,
  part: number,
): Promise<DrawnPart | undefined> {
  const page = plan.pages[part - 1];
  if (!page) return undefined;
  const [{ svg, boxes }, Renderer] = await Promise.all([
    layout(pageTree(page, plan.prepared, input, plan.palette, plan.pages.length, part), plan.fonts),
    loadResvg(),
  ]);
  const rendered = new Renderer(svg, {
    fitTo: { mode: 'width', value: IMAGE_WIDTH },
    font: { loadSystemFonts: false },
  }).render();
  return {
    png: Buffer.from(rendered.asPng()),
    svg,
    width: rendered.width,
    height: rendered.height,
    parts: plan.pages.length,
    boxes,
  };
}
