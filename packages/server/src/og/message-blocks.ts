/**
 * A message's parts as the blocks a conversation image draws: paragraphs of styled runs,
 * list items, quotes, code lines, formulas and short notes for what an image cannot show.
 * The markdown is read with the page's own parser (createMarkdownParser in @chatshare/react),
 * so what counts as a list, a fence or a formula is exactly what the page shows. Math is
 * shown as readable text (core's texToText: `a^2` -> `a²`), display formulas in a box: KaTeX
 * writes HTML and CSS, which satori cannot lay out.
 */
import { texToText, type SharedMessage } from '@chatshare/core';
import { createMarkdownParser } from '@chatshare/react';
import { codeLines, type CodeRun } from './code-lines.js';
import { textDirection, type Direction } from './direction.js';
import type { ImageLabels } from './image-labels.js';

export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  strike?: boolean;
  link?: boolean;
}

export type Block =
  | {
      type: 'text';
      style: 'paragraph' | 'heading' | 'quote';
      runs: TextRun[];
      direction: Direction;
      /** List depth (0: not in a list) and the item's marker (`•`, `3.`), on its first block. */
      indent: number;
      marker?: string;
      /** A later piece of a paragraph too long for one image: drawn with no gap before it. */
      continued?: boolean;
    }
  | { type: 'code'; language: string | null; lines: CodeRun[][] }
  | { type: 'math'; text: string }
  | { type: 'note'; text: string };

type Token = ReturnType<ReturnType<typeof createMarkdownParser>['parse']>[number];

const md = createMarkdownParser();

/** A paragraph longer than this is cut into pieces at sentence or word ends, so each fits one image. */
export const PARAGRAPH_PIECE = 900;
/** Code lines past this are cut: nobody reads a minified bundle in an image. */
const CODE_LINE_MAX = 600;

function inlineRuns(children: Token[]): TextRun[] {
  const runs: TextRun[] = [];
  const state = { bold: 0, italic: 0, strike: 0, link: 0 };
  const push = (text: string, extra: Partial<TextRun> = {}) => {
    if (!text) return;
    runs.push({
      text,
      ...(state.bold ? { bold: true } : {}),
      ...(state.italic ? { italic: true } : {}),
      ...(state.strike ? { strike: true } : {}),
      ...(state.link ? { link: true } : {}),
      ...extra,
    });
  };
  for (const token of children) {
    switch (token.type) {
      case 'text':
        push(token.content);
        break;
      case 'code_inline':
        push(token.content, { code: true });
        break;
      case 'math_inline':
      case 'math_inline_double':
        push(texToText(token.content), { italic: true });
        break;
      case 'softbreak':
        push(' ');
        break;
      case 'hardbreak':
        push('\n');
        break;
      case 'image':
        push(`[${token.content || 'image'}]`);
        break;
      case 'html_inline':
        // Task list checkboxes (markdown-it-task-lists); raw HTML is shown as typed.
        if (token.content.includes('task-list-item-checkbox')) push(token.content.includes('checked') ? '☑ ' : '☐ ');
        else push(token.content);
        break;
      case 'strong_open':
        state.bold++;
        break;
      case 'strong_close':
        state.bold--;
        break;
      case 'em_open':
        state.italic++;
        break;
      case 'em_close':
        state.italic--;
        break;
      case 's_open':
        state.strike++;
        break;
      case 's_close':
        state.strike--;
        break;
      case 'link_open':
        state.link++;
        break;
      case 'link_close':
        state.link--;
        break;
      default:
        push(token.content);
    }
  }
  return runs;
}

/** Cuts runs into pieces of about `size` characters, at a sentence end, else a space, else anywhere. */
export function pieces(runs: TextRun[], size = PARAGRAPH_PIECE): TextRun[][] {
  const total = runs.reduce((sum, run) => sum + run.text.length, 0);
  if (total <= size) return [runs];
  const result: TextRun[][] = [[]];
  let length = 0;
  for (const run of runs) {
    let rest = run.text;
    while (length + rest.length > size) {
      const room = size - length;
      const window = rest.slice(0, room);
      const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('。'), window.lastIndexOf('? '));
      const space = window.lastIndexOf(' ');
      let cut = sentence > room * 0.5 ? sentence + 1 : space > room * 0.5 ? space + 1 : room;
      // Never between the halves of a surrogate pair.
      if (/[\ud800-\udbff]/.test(rest.charAt(cut - 1))) cut -= 1;
      if (cut <= 0 && length > 0) {
        result.push([]);
        length = 0;
        continue;
      }
      cut = Math.max(cut, 1);
      result.at(-1)!.push({ ...run, text: rest.slice(0, cut) });
      result.push([]);
      length = 0;
      rest = rest.slice(cut).replace(/^ +/, '');
    }
    if (rest) {
      result.at(-1)!.push({ ...run, text: rest });
      length += rest.length;
    }
  }
  return result.filter((piece) => piece.length > 0);
}

const plain = (runs: TextRun[]) => runs.map((run) => run.text).join('');

/** The blocks of one markdown text. */
export function markdownBlocks(markdown: string): Block[] {
  const tokens = md.parse(markdown, {});
  const blocks: Block[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let quote = 0;
  let heading = false;
  let marker: string | undefined;
  // A table row is read as one line, its cells apart: an image has no room for a grid.
  let cells: TextRun[][] | null = null;
  let headerRow = false;
  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
        lists.push({ ordered: false, next: 0 });
        break;
      case 'ordered_list_open':
        lists.push({ ordered: true, next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists.at(-1);
        marker = list?.ordered ? `${list.next++}.` : '•';
        break;
      }
      case 'blockquote_open':
        quote++;
        break;
      case 'blockquote_close':
        quote--;
        break;
      case 'heading_open':
        heading = true;
        break;
      case 'heading_close':
        heading = false;
        break;
      case 'thead_open':
        headerRow = true;
        break;
      case 'thead_close':
        headerRow = false;
        break;
      case 'tr_open':
        cells = [];
        break;
      case 'tr_close': {
        const row = (cells ?? []).flatMap((cell, index) => [
          ...(index > 0 ? [{ text: '  |  ' }] : []),
          ...cell.map((run) => (headerRow ? { ...run, bold: true } : run)),
        ]);
        cells = null;
        if (row.length > 0)
          blocks.push({ type: 'text', style: 'paragraph', runs: row, direction: textDirection(plain(row)), indent: 0 });
        break;
      }
      case 'inline': {
        const runs = inlineRuns(token.children ?? []);
        if (cells) {
          cells.push(runs);
          break;
        }
        if (runs.length === 0) break;
        const style = heading ? 'heading' : quote > 0 ? 'quote' : 'paragraph';
        const direction = textDirection(plain(runs));
        pieces(runs).forEach((piece, index) => {
          blocks.push({
            type: 'text',
            style,
            runs: piece,
            direction,
            indent: lists.length,
            ...(index === 0 && marker ? { marker } : {}),
            ...(index > 0 ? { continued: true } : {}),
          });
        });
        marker = undefined;
        break;
      }
      case 'fence':
      case 'code_block':
        blocks.push(codeBlock(token.content, token.info));
        break;
      case 'math_block':
      case 'math_block_eqno':
        blocks.push({ type: 'math', text: texToText(token.content.trim()) });
        break;
      case 'hr':
        blocks.push({ type: 'note', text: '—' });
        break;
      default:
        break;
    }
  }
  return blocks;
}

function codeBlock(text: string, info?: string): Block {
  const language = info?.trim().split(/\s+/, 1)[0] || null;
  const lines = codeLines(text, language).map((line) => {
    let room = CODE_LINE_MAX;
    const kept: CodeRun[] = [];
    for (const run of line) {
      if (room <= 0) break;
      kept.push(run.text.length > room ? { ...run, text: `${run.text.slice(0, room)}…` } : run);
      room -= run.text.length;
    }
    return kept;
  });
  return { type: 'code', language, lines };
}

/** Everything a message shows open, as blocks; tool calls, images and attachments are named, not drawn. */
export function messageBlocks(message: SharedMessage, labels: ImageLabels): Block[] {
  const blocks: Block[] = [];
  const name = (text: string) => text.slice(0, 200);
  for (const part of message.parts) {
    switch (part.type) {
      case 'text':
        blocks.push(...markdownBlocks(part.text));
        break;
      case 'code':
        blocks.push(codeBlock(part.text, part.language));
        break;
      case 'image':
        blocks.push({ type: 'note', text: `[${part.alt ? name(part.alt) : labels.image}]` });
        break;
      case 'attachment':
        blocks.push({ type: 'note', text: `[${labels.attachment(name(part.name))}]` });
        break;
      case 'reasoning':
        // Collapsed on the page: an image shows what the page shows open.
        break;
      case 'tool_call':
        blocks.push({ type: 'note', text: `[${labels.toolCall(name(part.name))}]` });
        break;
      case 'tool_result':
        blocks.push({ type: 'note', text: `[${labels.toolResult(part.name ? name(part.name) : undefined)}]` });
        break;
    }
  }
  return blocks;
}
