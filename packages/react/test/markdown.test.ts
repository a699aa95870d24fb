import { describe, expect, it } from 'vitest';
import { LINK_REL, mathStylesheet, renderMarkdown, type MathStyles } from '../src/index.js';

const labels = { copy: 'Copy', copied: 'Copied' };
const render = (text: string, options: { breaks?: boolean; mathStyles?: MathStyles } = {}) =>
  renderMarkdown(text, { labels, mathStyles: options.mathStyles ?? new Map(), breaks: options.breaks ?? false });

describe('hostile markdown', () => {
  it('shows raw HTML as text', () => {
    const html = render('<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> <b>bold</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<(script|img|b)\b/);
  });

  it('links only to http, https and mailto, with rel nofollow ugc and no target', () => {
    const html = render('[a](https://example.com/x?y=1) [b](http://example.org) [c](mailto:me@example.com)');
    expect(html).toContain(`<a href="https://example.com/x?y=1" rel="${LINK_REL}">a</a>`);
    expect(html).toContain(`<a href="http://example.org" rel="${LINK_REL}">b</a>`);
    expect(html).toContain(`<a href="mailto:me@example.com" rel="${LINK_REL}">c</a>`);
    expect(html).not.toContain('target=');
    expect(LINK_REL).toBe('nofollow ugc noopener noreferrer');
  });

  it.each([
    ['javascript', '[x](javascript:alert(1))'],
    ['JavaScript with entities', '[x](jav&#x09;ascript:alert(1))'],
    ['vbscript', '[x](vbscript:msgbox(1))'],
    ['data', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['data image as a link', '[x](data:image/png;base64,iVBORw0KGgo=)'],
    ['file', '[x](file:///etc/passwd)'],
    ['relative', '[x](/api/v1/me)'],
    ['protocol-relative', '[x](//evil.example/)'],
    ['reference to javascript', '[x][r]\n\n[r]: javascript:alert(1)'],
    ['autolink javascript', '<javascript:alert(1)>'],
  ])('leaves a %s link dead', (_name, markdown) => {
    const html = render(markdown);
    expect(html).not.toMatch(/<a\b/);
    expect(html).not.toMatch(/href=/);
  });

  it('turns bare URLs into links but not file names or domains without a scheme', () => {
    const html = render('see https://example.com/docs and main.py or example.com');
    expect(html).toContain(`<a href="https://example.com/docs" rel="${LINK_REL}">https://example.com/docs</a>`);
    expect(html).toContain('main.py or example.com');
  });

  it('shows images only from inline raster data; a remote image becomes a link', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(render(`![chart](${png})`)).toContain(`<img src="${png}" alt="chart" loading="lazy" decoding="async" />`);
    const remote = render('![tracker](https://evil.example/pixel.png)');
    expect(remote).not.toContain('<img');
    expect(remote).toContain(
      `<a class="cs-image-link" href="https://evil.example/pixel.png" rel="${LINK_REL}">tracker</a>`,
    );
    for (const src of ['data:image/svg+xml;base64,PHN2Zz4=', 'javascript:alert(1)', '/local.png']) {
      expect(render(`![x](${src})`)).not.toContain('<img');
    }
  });

  it('never guesses a language: no or unknown language is plain, escaped text', () => {
    const code = 'function f() { return "<b>"; }';
    for (const fence of ['```', '```nosuchlanguage', '```<script>']) {
      const html = render(`${fence}\n${code}\n\`\`\``);
      expect(html).not.toContain('hljs-');
      expect(html).toContain('function f() { return &quot;&lt;b&gt;&quot;; }');
    }
    const indented = render(`    ${code}`);
    expect(indented).not.toContain('hljs-');
  });

  it('highlights a named language and shows its name with a copy button hidden until scripts run', () => {
    const html = render('```python\ndef f(): pass\n```');
    expect(html).toContain('<span class="cs-code-lang">python</span>');
    expect(html).toContain('<span class="hljs-keyword">def</span>');
    expect(html).toContain(
      '<button type="button" class="cs-copy" data-copy="code" data-copied="Copied" hidden>Copy</button>',
    );
    expect(html).toContain('<code class="hljs language-python">');
  });

  it('renders GFM tables (scrolling inside the message), strikethrough and task lists', () => {
    const html = render('| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n- [ ] todo');
    expect(html).toContain('<div class="cs-table"><table>');
    expect(html).toContain('<s>old</s>');
    expect(html).toContain('<input class="task-list-item-checkbox" checked="" disabled="" type="checkbox">');
    expect(html).toContain('<input class="task-list-item-checkbox" disabled="" type="checkbox">');
  });

  it('renders math with KaTeX and no inline style attribute, collecting the styles as classes', () => {
    const mathStyles: MathStyles = new Map();
    const html = render('Inline $x^2$, display $$\\frac{1}{2}$$ and\n\n$$\n\\color{red}{y}\n$$', { mathStyles });
    expect(html).toContain('class="katex"');
    expect(html).not.toContain('style=');
    expect(html).toContain('<span class="cs-math-display">');
    expect(html).toContain('<div class="cs-math-display">');
    const css = mathStylesheet(mathStyles);
    expect(css).toMatch(/^\.k[0-9a-z]+\{[a-z-]+:[^;{}]+!important/);
    expect(css).toContain('color:red!important');
    expect(css).not.toMatch(/[<>"'\\]/);
  });

  it('shows a very long formula as its source instead of laying it out', () => {
    const tex = 'x+'.repeat(1500);
    const html = render(`$$${tex}$$`);
    expect(html).toContain(`<code class="cs-math-source">${tex}`);
    expect(html).not.toContain('katex');
  });

  it('refuses TeX that would link, load or style', () => {
    const mathStyles: MathStyles = new Map();
    const html = render(
      '$\\href{javascript:alert(1)}{x}$ $\\url{https://evil.example}$ $\\includegraphics{https://evil.example/a.png}$ $\\htmlStyle{position:fixed}{x}$',
      { mathStyles },
    );
    expect(html).not.toMatch(/<a\b|<img\b|href=/);
    expect(mathStylesheet(mathStyles)).not.toContain('position');
  });

  it('does not let one text resolve links with reference definitions from another', () => {
    const env = { labels, mathStyles: new Map() };
    renderMarkdown('[ref]: https://evil.example/', env);
    expect(renderMarkdown('[ref]', env)).toBe('<p>[ref]</p>\n');
  });

  it('keeps line breaks people typed only when asked', () => {
    expect(render('one\ntwo', { breaks: true })).toContain('one<br />\ntwo');
    expect(render('one\ntwo')).not.toContain('<br');
  });
});
