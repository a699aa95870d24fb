/**
 * The pieces a conversation image is stacked from, as satori elements. A message is a bubble
 * of rows (its label, then one row per block, and one per line of code); every row's height
 * depends on its own content only (spacing is its own padding), so rows measured once can be
 * packed into images of any length and keep their heights there.
 */
import type { ReactNode } from 'react';
import type { CodeRun } from './code-lines.js';
import type { Palette } from './conversation-palette.js';
import type { Block, TextRun } from './message-blocks.js';

export const IMAGE_WIDTH = 1080;
/** Portrait 9:16 at most: a phone shows a whole image at once; longer selections are several images. */
export const IMAGE_MAX_HEIGHT = 1920;
export const PAGE_PADDING = 48;
export const BUBBLE_PADDING = { x: 28, y: 20 };
export const BUBBLE_GAP = 20;
export const FOOTER_GAP = 28;
/** Top, bottom and side border of a bubble. */
export const BUBBLE_BORDER = 1;
/** The width of a bubble's rows. */
export const ROW_WIDTH = IMAGE_WIDTH - 2 * PAGE_PADDING - 2 * BUBBLE_PADDING.x - 2 * BUBBLE_BORDER;

export const FONT = 'Card';
export const MONO = 'Mono';

type Style = Record<string, string | number>;
export interface Element {
  type: string;
  key?: string;
  props: { style?: Style; children?: (Element | string)[] | Element | string };
}

export const h = (type: string, style: Style, ...children: (Element | string)[]): Element => ({
  type,
  // Widths include padding and border, as the constants above are added up. A lone child is
  // passed as itself, so satori reports a text element's words (tests read them).
  props: {
    style: { display: 'flex', boxSizing: 'border-box', ...style },
    children: children.length === 1 ? children[0]! : children,
  },
});

/** A row: `keepWithNext` rows (labels, a code block's top) never end an image. */
export interface Row {
  element: (palette: Palette) => Element;
  keepWithNext?: boolean;
  /** Every string it draws, for choosing fonts. */
  text: string;
}

// Long words and URLs break anywhere rather than run out of the image; CJK breaks anywhere anyway.
const WRAP: Style = { wordBreak: 'break-word', overflowWrap: 'anywhere' };

function runElement(run: TextRun, palette: Palette): Element | string {
  const style: Style = {};
  if (run.bold) style.fontWeight = 700;
  if (run.italic) style.fontStyle = 'italic';
  if (run.strike) style.textDecoration = 'line-through';
  if (run.link) Object.assign(style, { color: palette.link, textDecoration: 'underline' });
  if (run.code) Object.assign(style, { fontFamily: MONO, background: palette.inlineCode, fontSize: '0.9em' });
  if (Object.keys(style).length === 0) return run.text;
  return { type: 'span', props: { style, children: run.text } };
}

const TEXT_SIZES = { paragraph: 26, heading: 30, quote: 26 } as const;

function textRow(block: Extract<Block, { type: 'text' }>): Row {
  const text = block.runs.map((run) => run.text).join('');
  const indent = Math.min(block.indent, 4) * 32;
  return {
    text: `${block.marker ?? ''} ${text}`,
    element: (palette) => {
      const rtl = block.direction === 'rtl';
      const paragraph: Element = {
        type: 'div',
        props: {
          style: {
            display: 'block',
            flexGrow: 1,
            flexShrink: 1,
            fontSize: TEXT_SIZES[block.style],
            fontWeight: block.style === 'heading' ? 700 : 400,
            lineHeight: 1.5,
            whiteSpace: 'pre-wrap',
            color: block.style === 'quote' ? palette.muted : palette.text,
            direction: block.direction,
            textAlign: rtl ? 'right' : 'left',
            ...WRAP,
          },
          children:
            block.runs.length === 1
              ? runElement(block.runs[0]!, palette)
              : block.runs.map((run) => runElement(run, palette)),
        },
      };
      const marker = block.marker
        ? h('div', { width: 32, flexShrink: 0, fontSize: 26, lineHeight: 1.5, color: palette.muted }, block.marker)
        : null;
      const quoteBar =
        block.style === 'quote'
          ? h('div', { width: 4, flexShrink: 0, background: palette.border, [rtl ? 'marginLeft' : 'marginRight']: 16 })
          : null;
      const pieces = [marker, quoteBar, paragraph].filter((piece): piece is Element => piece !== null);
      return h(
        'div',
        {
          width: ROW_WIDTH,
          flexShrink: 0,
          paddingTop: block.continued ? 0 : 12,
          [rtl ? 'paddingRight' : 'paddingLeft']: indent,
          flexDirection: rtl ? 'row-reverse' : 'row',
        },
        ...pieces,
      );
    },
  };
}

const CODE_SIZE = 20;

function codeRows(block: Extract<Block, { type: 'code' }>): Row[] {
  const top: Row = {
    keepWithNext: true,
    text: block.language ?? '',
    element: (palette) =>
      h(
        'div',
        { width: ROW_WIDTH, flexShrink: 0, paddingTop: 12 },
        h(
          'div',
          {
            width: ROW_WIDTH,
            height: 34,
            padding: '0 20px',
            alignItems: 'center',
            background: palette.codeBackground,
            borderRadius: '12px 12px 0 0',
            borderBottom: `1px solid ${palette.border}`,
            color: palette.muted,
            fontSize: 16,
          },
          block.language ?? 'code',
        ),
      ),
  };
  const line = (runs: CodeRun[], last: boolean): Row => ({
    text: runs.map((run) => run.text).join(''),
    element: (palette) =>
      h(
        'div',
        {
          width: ROW_WIDTH,
          flexShrink: 0,
          padding: `${0}px 20px ${last ? 14 : 0}px`,
          background: palette.codeBackground,
          borderRadius: last ? '0 0 12px 12px' : 0,
        },
        {
          type: 'div',
          props: {
            style: {
              display: 'block',
              boxSizing: 'border-box',
              width: ROW_WIDTH - 40,
              // One line is at least one line high, empty or not.
              minHeight: CODE_SIZE * 1.5,
              fontFamily: MONO,
              fontSize: CODE_SIZE,
              lineHeight: 1.5,
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-all',
              color: palette.text,
            },
            children: runs.map((run) =>
              run.color
                ? { type: 'span', props: { style: { color: palette.tokens[run.color] }, children: run.text } }
                : run.text,
            ),
          },
        },
      ),
  });
  const lines = block.lines.length > 0 ? block.lines : [[]];
  return [top, ...lines.map((runs, index) => line(runs, index === lines.length - 1))];
}

function boxRow(text: string, mono: boolean): Row {
  return {
    text,
    element: (palette) =>
      h(
        'div',
        { width: ROW_WIDTH, flexShrink: 0, paddingTop: 12 },
        h(
          'div',
          {
            display: 'block',
            width: ROW_WIDTH,
            padding: mono ? '12px 20px' : '0',
            background: mono ? palette.codeBackground : 'transparent',
            borderRadius: 12,
            fontFamily: mono ? MONO : FONT,
            fontSize: mono ? 22 : 22,
            lineHeight: 1.5,
            color: mono ? palette.text : palette.muted,
            textAlign: mono ? 'center' : 'left',
            ...WRAP,
          },
          text,
        ),
      ),
  };
}

/** The rows of one block. */
export function blockRows(block: Block): Row[] {
  switch (block.type) {
    case 'text':
      return [textRow(block)];
    case 'code':
      return codeRows(block);
    case 'math':
      return [boxRow(block.text, true)];
    case 'note':
      return [boxRow(block.text, false)];
  }
}

/** A message's label: its role, and the model that wrote it when the snapshot names one. */
export function labelRow(label: string, detail?: string): Row {
  return {
    keepWithNext: true,
    text: `${label} ${detail ?? ''}`,
    element: (palette) =>
      h(
        'div',
        { width: ROW_WIDTH, flexShrink: 0, alignItems: 'center', gap: 12, fontSize: 20, lineHeight: 1.4 },
        h('div', { color: palette.accent, fontWeight: 700 }, label),
        ...(detail ? [h('div', { color: palette.muted }, detail)] : []),
      ),
  };
}

export const asNode = (element: Element): ReactNode => element as unknown as ReactNode;
