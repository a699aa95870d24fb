/**
 * Markdown as one line of readable prose, for every place that shows a message as plain text:
 * derived titles, link previews (og:description, the card), search excerpts. The one rule:
 * markup goes, words stay. Emphasis, headings, quotes and list markers are dropped; links
 * keep their text; images and code blocks are not prose and go; a table reads as
 * "header: cell" pairs; TeX reads as text (`a^2 + b^2` -> `a² + b²`, `\frac{1}{2}` -> `1/2`).
 *
 * Not a CommonMark parser: a line-based pass over what the viewer renders (CommonMark, GFM
 * tables and strikethrough, `$…$` / `$$…$$` math), tuned so ordinary text (prices like
 * `$5 and $6`, `snake_case`, `2 * 3 * 4`) comes through unchanged. Raw HTML is shown as
 * typed on the page, so it stays as typed here.
 */

// NUL marks code and math spans while the rest of a line is read; text never needs it.
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;
// eslint-disable-next-line no-control-regex
const PLACEHOLDER = /\u0000(\d+)\u0000/g;

/**
 * `markdown` as plain text on one line.
 * @example markdownToPlainText('**Hi** $a^2$, see [docs](https://x.y)') // 'Hi a², see docs'
 */
export function markdownToPlainText(markdown: string): string {
  const blocks: string[] = [];
  let firstCode: string | undefined;
  const lines = markdown.replace(NUL, '').replace(/\r\n?/g, '\n').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const fence = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      const end = lines.findIndex((next, at) => at > index && next.trim().startsWith(fence[1]!));
      const body = lines.slice(index + 1, end === -1 ? lines.length : end);
      firstCode ??= body.find((codeLine) => codeLine.trim() !== '')?.trim();
      index = end === -1 ? lines.length : end;
      continue;
    }
    // A display formula over several lines; one on a single line is read inline.
    const display = /^\s*\$\$(.*)$/.exec(line);
    if (display && !display[1]!.includes('$$')) {
      const end = lines.findIndex((next, at) => at > index && next.includes('$$'));
      const body = [display[1]!, ...lines.slice(index + 1, end === -1 ? lines.length : end)];
      if (end !== -1) body.push(lines[end]!.slice(0, lines[end]!.indexOf('$$')));
      blocks.push(texToText(body.join(' ')));
      index = end === -1 ? lines.length : end;
      continue;
    }
    if (isTableRow(line) && isTableDivider(lines[index + 1] ?? '')) {
      const header = cells(line);
      const rows: string[] = [];
      index += 2;
      for (; index < lines.length && isTableRow(lines[index]!); index++)
        rows.push(tableRow(header, cells(lines[index]!)));
      index--;
      blocks.push(rows.length > 0 ? rows.join('; ') : header.map(inlineText).join(', '));
      continue;
    }
    // Rules, setext underlines and link reference definitions hold no words.
    if (/^\s{0,3}([-*_=])(\s*\1){2,}\s*$/.test(line) || /^\s{0,3}\[[^\]]+\]:\s/.test(line)) continue;
    const heading = /^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$/.exec(line);
    const text = (heading ? heading[1]! : line)
      .replace(/^(\s*>)+\s?/, '')
      .replace(/^\s*([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?/, '');
    blocks.push(inlineText(text));
  }
  const result = fold(blocks.join(' '));
  return result === '' && firstCode ? fold(firstCode) : result;
}

const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

const isTableRow = (line: string) => line.includes('|');
const isTableDivider = (line: string) => /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line) && line.includes('-');

function cells(line: string): string[] {
  const inner = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, '|').trim());
}

/** A body row as `header: cell` pairs, so a reader knows what each value is. */
function tableRow(header: string[], row: string[]): string {
  return row
    .map((cell, column) => {
      const value = inlineText(cell);
      const name = inlineText(header[column] ?? '');
      return value === '' ? '' : name === '' ? value : `${name}: ${value}`;
    })
    .filter(Boolean)
    .join(', ');
}

const ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', ' '],
]);

/** One line's inline markdown as text. */
function inlineText(text: string): string {
  const spans: string[] = [];
  // Code and math spans first, so nothing inside them is read as an escape, emphasis or a link.
  const keep = (value: string) => `\u0000${spans.push(value) - 1}\u0000`;
  let out = text
    .replace(/(`+)(.+?)\1(?!`)/g, (_match, _ticks, code: string) => keep(code.trim()))
    .replace(/\$\$(.+?)\$\$/g, (_match, tex: string) => keep(texToText(tex)))
    // `$` opens before a non-space and closes after one, not before a digit: `$5 and $6` is money.
    .replace(/(?<![\\$\w])\$(?=\S)([^$\n]*?\S)\$(?![\d$])/g, (_match, tex: string) => keep(texToText(tex)))
    // An escaped character is itself, never markup: `\\*` is a star.
    .replace(/\\([!-/:-@[-`{-~])/g, (_match, char: string) => keep(char))
    .replace(/!\[[^\]]*\](\([^)]*\)|\[[^\]]*\])/g, '')
    .replace(/\[\^[^\]]+\]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<((?:https?|mailto):[^>\s]+)>/gi, '$1')
    // Raw HTML is shown as typed on the page, except that a table's `<br>` is a line break.
    .replace(/<br\s*\/?>/gi, ' ');
  // Emphasis, innermost first: `**bold *and* more**`. Underscores only at word edges (snake_case stays).
  for (let pass = 0; pass < 3; pass++) {
    out = out
      .replace(/(\*\*|~~)(?=\S)(.*?\S)\1/g, '$2')
      .replace(/(?<![\w*])\*(?=[^\s*])(.*?[^\s*])\*(?![\w*])/g, '$1')
      .replace(/(?<![\p{L}\p{N}_])(__?)(?=\S)(.*?\S)\1(?![\p{L}\p{N}_])/gu, '$2');
  }
  out = out.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => entity(match, name));
  return out.replace(PLACEHOLDER, (_match, at: string) => spans[Number(at)] ?? '');
}

function entity(match: string, name: string): string {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      ? String.fromCodePoint(code)
      : match;
  }
  return ENTITIES.get(name.toLowerCase()) ?? match;
}

/** TeX commands read as one character: `name char` pairs. */
const SYMBOLS = new Map(
  (
    'alpha α beta β gamma γ delta δ epsilon ε varepsilon ε zeta ζ eta η theta θ iota ι kappa κ ' +
    'lambda λ mu μ nu ν xi ξ pi π rho ρ sigma σ tau τ phi φ varphi φ chi χ psi ψ omega ω Gamma Γ ' +
    'Delta Δ Theta Θ Lambda Λ Pi Π Sigma Σ Phi Φ Psi Ψ Omega Ω cdot · times × div ÷ pm ± mp ∓ le ' +
    '≤ leq ≤ ge ≥ geq ≥ neq ≠ ne ≠ approx ≈ equiv ≡ sim ∼ infty ∞ to → rightarrow → leftarrow ← ' +
    'Rightarrow ⇒ implies ⇒ iff ⇔ sum Σ prod Π int ∫ partial ∂ nabla ∇ in ∈ notin ∉ subset ⊂ ' +
    'subseteq ⊆ cup ∪ cap ∩ forall ∀ exists ∃ emptyset ∅ ldots … cdots ⋯ dots … degree °'
  )
    .split(' ')
    .flatMap((token, at, all) => (at % 2 === 0 ? [[token, all[at + 1]!] as const] : [])),
);

const SUPERSCRIPT = new Map([...'0123456789+-=()ni'].map((char, at) => [char, '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ'[at]!]));
const SUBSCRIPT = new Map([...'0123456789+-=()'].map((char, at) => [char, '₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎'[at]!]));

/** `2`, `{10}` or `{n+1}` as super- or subscript characters, or `^(…)` when one has none. */
function script(value: string, table: Map<string, string>, mark: string): string {
  const chars = [...value];
  if (chars.every((char) => table.has(char))) return chars.map((char) => table.get(char)).join('');
  return value.length === 1 ? `${mark}${value}` : `${mark}(${value})`;
}

/** TeX as readable text: symbols as characters, fractions as `a/b`, scripts raised or lowered. */
export function texToText(tex: string): string {
  let out = tex;
  for (let pass = 0; pass < 4; pass++) {
    out = out
      .replace(
        /\\(?:text|mathrm|mathbf|mathit|mathsf|mathtt|mathbb|mathcal|operatorname|boldsymbol)\s*\{([^{}]*)\}/g,
        '$1',
      )
      .replace(
        /\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g,
        (_match, top: string, bottom: string) => `${group(top)}/${group(bottom)}`,
      )
      .replace(/\\sqrt\s*\{([^{}]*)\}/g, (_match, body: string) => `√${group(body)}`)
      .replace(/\^\s*\{([^{}]*)\}/g, (_match, body: string) => script(body.trim(), SUPERSCRIPT, '^'))
      .replace(/_\s*\{([^{}]*)\}/g, (_match, body: string) => script(body.trim(), SUBSCRIPT, '_'));
  }
  return fold(
    out
      .replace(/\^([A-Za-z0-9])/g, (_match, char: string) => script(char, SUPERSCRIPT, '^'))
      .replace(/_([A-Za-z0-9])/g, (_match, char: string) => script(char, SUBSCRIPT, '_'))
      .replace(/\\(left|right|big|Big|bigg|Bigg)\b/g, '')
      .replace(/\\(,|;|:|!|quad|qquad| )/g, ' ')
      .replace(/\\\\/g, ' ')
      .replace(/\\([A-Za-z]+)/g, (_match, name: string) => SYMBOLS.get(name) ?? name)
      .replace(/\\([{}%$&#_])/g, '$1')
      .replace(/[{}]/g, '')
      .replace(/&/g, ' '),
  );
}

/** A fraction's part, in parentheses when it is more than one term. */
const group = (text: string) => (/^[\p{L}\p{N}.]+$/u.test(text.trim()) ? text.trim() : `(${text.trim()})`);
