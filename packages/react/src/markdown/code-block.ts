/** The markup of a code block: a bar with the language and a copy button, then the code. */
import { escapeHtml } from './escape.js';
import { highlightCode } from './highlight.js';

export interface CodeLabels {
  copy: string;
  copied: string;
}

/**
 * HTML for one code block. The copy button starts `hidden` and a page script reveals it, so
 * without JavaScript there is no dead button and the code is still plain selectable text.
 */
export function codeBlockHtml(code: string, language: string | null, labels: CodeLabels): string {
  const text = code.endsWith('\n') ? code.slice(0, -1) : code;
  const { html } = highlightCode(text, language);
  const name = language ? escapeHtml(language) : '';
  const codeClass = language ? `hljs language-${name}` : 'hljs';
  return (
    `<div class="cs-code"><div class="cs-code-bar"><span class="cs-code-lang">${name}</span>` +
    `<button type="button" class="cs-copy" data-copy="code" data-copied="${escapeHtml(labels.copied)}" hidden>` +
    `${escapeHtml(labels.copy)}</button></div><pre><code class="${codeClass}">${html}</code></pre></div>\n`
  );
}
