/**
 * Syntax highlighting with highlight.js, only for a language the author named: guessing
 * (`highlightAuto`) is slow on large input and wrong often enough to mislead, so an unknown
 * or missing language is shown as plain text.
 */
import hljs from 'highlight.js/lib/common';
import { escapeHtml } from './escape.js';

/** Longer code is shown plain: highlighting cost grows with size and a page must stay fast. */
const MAX_HIGHLIGHT_CHARS = 100_000;
const LANGUAGE_NAME = /^[A-Za-z0-9_+#.-]{1,40}$/;

/** The language named by a fence's info string (`ts title="x"` -> `ts`), if it is a plausible name. */
export function languageFromInfo(info: string | undefined): string | null {
  const name = info?.trim().split(/\s+/, 1)[0] ?? '';
  return LANGUAGE_NAME.test(name) ? name : null;
}

export interface Highlighted {
  /** Safe HTML: escaped code, with highlight.js `<span class="hljs-…">` tokens when highlighted. */
  html: string;
  highlighted: boolean;
}

export function highlightCode(code: string, language: string | null): Highlighted {
  if (language && code.length <= MAX_HIGHLIGHT_CHARS && hljs.getLanguage(language)) {
    return { html: hljs.highlight(code, { language, ignoreIllegals: true }).value, highlighted: true };
  }
  return { html: escapeHtml(code), highlighted: false };
}
