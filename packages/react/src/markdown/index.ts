/** Markdown for conversation content: hostile input in, safe HTML out. */
import { createMarkdownParser } from './parser.js';
import { installSafeRendering, type MarkdownEnv } from './render-rules.js';

const md = installSafeRendering(createMarkdownParser());

/**
 * Renders untrusted markdown to HTML that is safe to insert into the page.
 * @example renderMarkdown('**hi** [x](javascript:alert(1))', { labels, mathStyles: new Map() })
 */
export const renderMarkdown = (text: string, env: MarkdownEnv): string =>
  // A fresh env per text: markdown-it keeps link reference definitions in it, and one
  // message's definitions must not resolve links in another.
  md.render(text, { labels: env.labels, mathStyles: env.mathStyles, breaks: env.breaks });

export { createMarkdownParser } from './parser.js';
export { installSafeRendering, LINK_REL, type MarkdownEnv } from './render-rules.js';
export { codeBlockHtml, type CodeLabels } from './code-block.js';
export { highlightCode, languageFromInfo } from './highlight.js';
export { mathStylesheet, type MathStyles } from './math-styles.js';
export { isSafeImageSrc, safeLinkHref } from './urls.js';
export { escapeHtml } from './escape.js';
