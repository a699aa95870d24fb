import { markdownToPlainText } from '@chatshare/core';

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

/**
 * Plain one-paragraph text from markdown, for card excerpts and descriptions, by core's one
 * rule (markdownToPlainText, which derived titles use too), cut at a word.
 */
export function plainExcerpt(markdown: string, maxLength: number): string {
  return clipAtWord(markdownToPlainText(markdown), maxLength);
}
