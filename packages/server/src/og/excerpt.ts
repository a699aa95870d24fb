/**
 * Cuts plain text to at most `maxLength` UTF-16 units, at a word boundary when one is near
 * the end, and marks the cut with "…" (counted in the length). Never splits a surrogate pair.
 * @example clipAtWord('Planning a trip to Lisbon', 20) // 'Planning a trip to…'
 */
export function clipAtWord(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\ud800-\udbff]$/, '').trimEnd()}…`;
}

/** Plain one-paragraph text from markdown, for card excerpts and descriptions: no markup survives. */
export function plainExcerpt(markdown: string, maxLength: number): string {
  const text = markdown
    .replace(/```[\s\S]*?(```|$)/g, ' [code] ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|__|\*|_|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/\$\$?([^$]*)\$\$?/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return clipAtWord(text, maxLength);
}
