import { describe, expect, it } from 'vitest';
import { markdownToPlainText, texToText } from './plain-text.js';

describe('markdownToPlainText', () => {
  it.each([
    ['**bold**, *em*, _em_, __strong__, ~~struck~~', 'bold, em, em, strong, struck'],
    ['**bold *and* nested**', 'bold and nested'],
    ['`inline code` stays, its **stars** too: `a **b**`', 'inline code stays, its stars too: a **b**'],
    ['# Title #\nSetext\n===\n---\ntext', 'Title Setext text'],
    ['> quote\n>> deeper\n1. one\n2) two\n* star\n+ plus', 'quote deeper one two star plus'],
    ['[text](https://x.example) <https://y.example> [ref][1]\n[1]: https://z.example', 'text https://y.example ref'],
    ['before ![alt text](https://x.example/a.png) after', 'before after'],
    ['a footnote[^1] here', 'a footnote here'],
    ['code:\n```ts\nconst a = 1;\n```\n~~~\nmore\n~~~\ndone', 'code: done'],
    ['unclosed\n```\ncode forever', 'unclosed'],
    [
      '| formula | leg a | leg b |\n| :-- | --: | :-: |\n| $a^2 + b^2 = c^2$ | 3 | 4 |',
      'formula: a² + b² = c², leg a: 3, leg b: 4',
    ],
    ['| a | b |\n|---|---|\n| 1 | |\n| | 2 |', 'a: 1; b: 2'],
    ['| just | a header |\n|---|---|', 'just, a header'],
    ['a | b is not a table', 'a | b is not a table'],
    ['$$\n\\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}\n$$', '(-b ± √(b² - 4ac))/2a'],
    ['inline $$x^{10}$$ display', 'inline x¹⁰ display'],
    ['$5 and $6, a $ b, cost: $x$', '$5 and $6, a $ b, cost: x'],
    ['snake_case and my__dunder__name stay', 'snake_case and my__dunder__name stay'],
    ['\\*not em\\* \\[not link\\](x)', '*not em* [not link](x)'],
    ['&lt;tag&gt; &#x1F600; &#65; &bogus;', '<tag> 😀 A &bogus;'],
    ['<b>raw html</b> stays as typed, a<br>break goes', '<b>raw html</b> stays as typed, a break goes'],
    ['  lots \n\n of   space\t', 'lots of space'],
    ['', ''],
  ])('%j -> %j', (markdown, text) => {
    expect(markdownToPlainText(markdown)).toBe(text);
  });

  it('never lets its own placeholder through', () => {
    expect(markdownToPlainText('a \u00000\u0000 `b` $\\{c\\}$')).toBe('a 0 b c');
  });
});

describe('texToText', () => {
  it.each([
    ['a^2 + b^2 = c^2', 'a² + b² = c²'],
    ['x_{n+1} = x_n^2', 'x_(n+1) = x_n²'],
    ['\\alpha \\leq \\beta \\cdot \\gamma', 'α ≤ β · γ'],
    ['\\int_0^\\infty e^{-x} \\, dx = 1', '∫₀^∞ e^(-x) dx = 1'],
    ['\\sqrt{2} \\approx 1.41', '√2 ≈ 1.41'],
    ['\\frac{1}{2} + \\dfrac{a+b}{c}', '1/2 + (a+b)/c'],
    ['\\text{speed} = \\mathrm{d}s / \\mathrm{d}t', 'speed = ds / dt'],
    ['\\left( x \\right) \\sin x', '( x ) sin x'],
  ])('%j -> %j', (tex, text) => {
    expect(texToText(tex)).toBe(text);
  });
});
