/**
 * KaTeX positions glyphs with inline `style` attributes, which a strict Content Security
 * Policy refuses. This moves each distinct declaration list into a class and collects the
 * rules, so the page can ship them in one nonce'd stylesheet instead.
 */

/** Class name -> declarations, filled while a conversation renders. */
export type MathStyles = Map<string, string>;

const PROPERTY = /^[a-z-]{1,40}$/;
// KaTeX writes lengths, numbers, keywords and colours (it validates colour names itself);
// anything with quotes, parentheses, backslashes or braces is refused rather than trusted.
const VALUE = /^[#a-zA-Z0-9.% -]{1,80}$/;

function cleanDeclarations(style: string): string {
  const kept: string[] = [];
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim();
    const value = declaration.slice(colon + 1).trim();
    if (PROPERTY.test(property) && VALUE.test(value)) kept.push(`${property}:${value}!important`);
  }
  return kept.join(';');
}

/** A short stable name, so the same declarations get the same class on every render and instance. */
function className(declarations: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < declarations.length; i++) {
    const code = declarations.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `k${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

const TAG_WITH_STYLE = /<([a-zA-Z][a-zA-Z0-9]*)([^<>]*?) style="([^"]*)"([^<>]*)>/g;

/** `html` (KaTeX output) with every `style="…"` replaced by a class recorded in `styles`. */
export function moveStylesToClasses(html: string, styles: MathStyles): string {
  return html.replace(TAG_WITH_STYLE, (_match, tag: string, before: string, style: string, after: string) => {
    const declarations = cleanDeclarations(style.replace(/&quot;|&#x27;|&#39;/g, ''));
    let attributes = `${before}${after}`;
    if (declarations) {
      const name = className(declarations);
      styles.set(name, declarations);
      attributes = / class="/.test(attributes)
        ? attributes.replace(/ class="([^"]*)"/, (_all, classes: string) => ` class="${classes} ${name}"`)
        : `${attributes} class="${name}"`;
    }
    return `<${tag}${attributes}>`;
  });
}

/** The collected rules as one stylesheet, in a stable order. */
export function mathStylesheet(styles: MathStyles): string {
  return [...styles.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, declarations]) => `.${name}{${declarations}}`)
    .join('\n');
}
