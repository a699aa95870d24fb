/** TeX to HTML with KaTeX, configured for untrusted input. */
import katex from 'katex';
import { escapeHtml } from './escape.js';
import { moveStylesToClasses, type MathStyles } from './math-styles.js';

const OPTIONS = {
  throwOnError: false,
  // No \href, \url, \includegraphics or \htmlStyle: input cannot add links, images or styles.
  trust: false,
  strict: 'ignore' as const,
  // Bounds on sizes (em) and macro expansion, so a formula cannot cover the page or spin.
  maxSize: 20,
  maxExpand: 500,
  output: 'htmlAndMathml' as const,
};

/** KaTeX writes tens of bytes of HTML per source character; longer formulas are shown as source. */
const MAX_TEX_CHARS = 2_000;

export function renderMath(tex: string, displayMode: boolean, styles: MathStyles): string {
  if (tex.length > MAX_TEX_CHARS) return `<code class="cs-math-source">${escapeHtml(tex)}</code>`;
  try {
    return moveStylesToClasses(katex.renderToString(tex, { ...OPTIONS, displayMode }), styles);
  } catch {
    // throwOnError is off, so this is only for internal KaTeX failures: show the source.
    return `<code class="cs-math-error">${escapeHtml(tex)}</code>`;
  }
}
