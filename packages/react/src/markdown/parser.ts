/**
 * The markdown parser: CommonMark plus the GitHub extensions chat models write (tables,
 * strikethrough, bare URLs, task lists) and `$…$` / `$$…$$` math. Raw HTML is never parsed
 * as HTML. Rendering policy (links, images, code) is added separately by `render-rules.ts`,
 * so this parser alone is what the CommonMark conformance test checks.
 */
import katexModule from '@vscode/markdown-it-katex';
import MarkdownIt from 'markdown-it';
import taskLists from 'markdown-it-task-lists';

type MarkdownPlugin = (md: MarkdownIt, options?: object) => void;

// The KaTeX plugin is CommonJS with an `exports.default`; Node hands ESM the whole exports object.
const mathPlugin: MarkdownPlugin =
  (katexModule as unknown as { default?: MarkdownPlugin }).default ?? (katexModule as unknown as MarkdownPlugin);

export function createMarkdownParser(): MarkdownIt {
  const md = new MarkdownIt('default', {
    html: false,
    xhtmlOut: true,
    linkify: true,
    typographer: false,
  });
  // Only URLs with a scheme become links: `file.py` or `example.com` in prose stay text.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  md.use(mathPlugin);
  md.use(taskLists);
  return md;
}
