/**
 * The rendering policy for hostile markdown, applied on top of the parser: links only to
 * http(s) and mailto, marked `nofollow ugc` and opened without a referrer; images only from
 * inline data (a remote image becomes a link); highlighted code blocks; math through KaTeX
 * with its styles turned into classes; wide tables scroll inside the message.
 */
import type MarkdownIt from 'markdown-it';
import type { Options, Renderer, Token } from 'markdown-it';
import { codeBlockHtml, type CodeLabels } from './code-block.js';
import { escapeHtml } from './escape.js';
import { languageFromInfo } from './highlight.js';
import { renderMath } from './math.js';
import type { MathStyles } from './math-styles.js';
import { isSafeImageSrc, safeLinkHref } from './urls.js';

export interface MarkdownEnv {
  labels: CodeLabels;
  /** Filled with the classes that replace KaTeX's inline styles. */
  mathStyles: MathStyles;
  /** Single newlines become line breaks (text people typed, where a newline is meant). */
  breaks?: boolean;
}

export const LINK_REL = 'nofollow ugc noopener noreferrer';

// The only raw HTML any plugin emits: task-list checkboxes. Everything else is shown as text.
const TASK_CHECKBOX = /^<input class="task-list-item-checkbox"(?: checked="")? disabled="" type="checkbox">$/;

type Rule = (tokens: Token[], idx: number, options: Options, env: MarkdownEnv, self: Renderer) => string;

function closingLink(tokens: Token[], idx: number): Token | undefined {
  for (let i = idx + 1; i < tokens.length; i++) if (tokens[i]!.type === 'link_close') return tokens[i];
  return undefined;
}

const linkOpen: Rule = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  const href = safeLinkHref(token.attrGet('href') ?? '');
  if (href === null) {
    // A link to somewhere content may not point: keep its text, drop the link.
    const close = closingLink(tokens, idx);
    if (close) close.meta = { dead: true };
    return '<span class="cs-link-off">';
  }
  token.attrSet('href', href);
  token.attrSet('rel', LINK_REL);
  return self.renderToken(tokens, idx, options);
};

const linkClose: Rule = (tokens, idx, options, _env, self) =>
  (tokens[idx]!.meta as { dead?: boolean } | null)?.dead ? '</span>' : self.renderToken(tokens, idx, options);

const image: Rule = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const src = token.attrGet('src') ?? '';
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  const title = token.attrGet('title');
  const titleAttribute = title ? ` title="${escapeHtml(title)}"` : '';
  if (isSafeImageSrc(src)) {
    return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${titleAttribute} loading="lazy" decoding="async" />`;
  }
  const href = safeLinkHref(src);
  // Remote images are never loaded: the reader gets a link and decides.
  if (href)
    return `<a class="cs-image-link" href="${escapeHtml(href)}" rel="${LINK_REL}">${escapeHtml(alt || href)}</a>`;
  return `<span class="cs-image-off">${escapeHtml(alt)}</span>`;
};

const fence: Rule = (tokens, idx, _options, env) => {
  const token = tokens[idx]!;
  return codeBlockHtml(token.content, languageFromInfo(token.info), env.labels);
};

const codeBlock: Rule = (tokens, idx, _options, env) => codeBlockHtml(tokens[idx]!.content, null, env.labels);

const htmlInline: Rule = (tokens, idx) => {
  const content = tokens[idx]!.content;
  return TASK_CHECKBOX.test(content) ? content : escapeHtml(content);
};

const htmlBlock: Rule = (tokens, idx) => `<p>${escapeHtml(tokens[idx]!.content)}</p>\n`;

const softbreak: Rule = (_tokens, _idx, options, env) =>
  env.breaks ? (options.xhtmlOut ? '<br />\n' : '<br>\n') : '\n';

const mathInline: Rule = (tokens, idx, _options, env) => renderMath(tokens[idx]!.content, false, env.mathStyles);

// The plugin emits `math_block` for `$$…$$` both as a block and inside a paragraph (only block
// tokens carry a source map); inside a paragraph it must stay inline-level, or the browser
// would split the paragraph apart.
const mathBlock: Rule = (tokens, idx, _options, env) => {
  const token = tokens[idx]!;
  const html = renderMath(token.content, true, env.mathStyles);
  return token.map ? `<div class="cs-math-display">${html}</div>\n` : `<span class="cs-math-display">${html}</span>`;
};

/** Installs the rendering policy on a parser from `createMarkdownParser()`; returns it. */
export function installSafeRendering(md: MarkdownIt): MarkdownIt {
  const rules = md.renderer.rules as Record<string, Rule>;
  Object.assign(rules, {
    link_open: linkOpen,
    link_close: linkClose,
    image,
    fence,
    code_block: codeBlock,
    html_inline: htmlInline,
    html_block: htmlBlock,
    softbreak,
    math_inline: mathInline,
    math_inline_block: mathBlock,
    math_block: mathBlock,
  } satisfies Record<string, Rule>);
  rules.table_open = () => '<div class="cs-table"><table>\n';
  rules.table_close = () => '</table></div>\n';
  return md;
}
