/**
 * A code block as lines of coloured runs, for the conversation image. The colours come from
 * the page's own highlighter (highlightCode in @chatshare/react, highlight.js with the named
 * language only), whose HTML is read back here: it holds nothing but escaped text and
 * `<span class="hljs-…">`, so a small reader is enough.
 */
import { highlightCode } from '@chatshare/react';
import { tokenColorOf, type TokenColor } from './conversation-palette.js';

export interface CodeRun {
  text: string;
  color?: TokenColor;
}

const ENTITIES = new Map([
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&amp;', '&'],
  ['&quot;', '"'],
  ['&#x27;', "'"],
  ['&#39;', "'"],
]);

const decode = (text: string) => text.replace(/&(?:lt|gt|amp|quot|#x27|#39);/g, (entity) => ENTITIES.get(entity)!);

/** Tabs as four spaces: the image has no tab stops. */
const untab = (text: string) => text.replace(/\t/g, '    ');

/**
 * @example codeLines('let a = 1', 'js') // [[{ text: 'let', color: 'keyword' }, { text: ' a = ' }, …]]
 */
export function codeLines(code: string, language: string | null): CodeRun[][] {
  const text = code.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  const { html } = highlightCode(text, language);
  const lines: CodeRun[][] = [[]];
  const scopes: (TokenColor | undefined)[] = [];
  for (const piece of html.split(/(<span class="[^"]*">|<\/span>)/)) {
    if (piece.startsWith('<span')) scopes.push(tokenColorOf(/class="([^"]*)"/.exec(piece)![1]!) ?? scopes.at(-1));
    else if (piece === '</span>') scopes.pop();
    else if (piece) {
      const color = scopes.at(-1);
      decode(piece)
        .split('\n')
        .forEach((part, index) => {
          if (index > 0) lines.push([]);
          if (part) lines.at(-1)!.push({ text: untab(part), ...(color ? { color } : {}) });
        });
    }
  }
  return lines;
}
