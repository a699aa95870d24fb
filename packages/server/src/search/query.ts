/**
 * A person's search words, parsed once into words and "quoted phrases", so neither FTS5's
 * query language nor PostgreSQL's tsquery syntax ever sees raw input: `a OR b`, `NEAR(`,
 * `*`, `:` or an unbalanced quote are plain words here, never operators or syntax errors.
 */
export interface SearchTerms {
  /** Each entry is a phrase of one or more words; every entry must match. */
  phrases: string[][];
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** More terms than this add nothing to a search but cost time. */
const MAX_PHRASES = 12;

const wordsOf = (text: string) => (text.match(WORD) ?? []).map((word) => word.toLowerCase()).slice(0, 32);

export function parseSearch(input: string): SearchTerms {
  const phrases: string[][] = [];
  // Quoted parts are phrases; an unbalanced quote runs to the end of the input.
  const pieces = input.normalize('NFC').split('"');
  pieces.forEach((piece, index) => {
    const quoted = index % 2 === 1;
    const words = wordsOf(piece);
    if (quoted && words.length > 1) phrases.push(words);
    else phrases.push(...words.map((word) => [word]));
  });
  return { phrases: phrases.slice(0, MAX_PHRASES) };
}

export const isEmptySearch = (terms: SearchTerms) => terms.phrases.length === 0;

/** FTS5: every phrase quoted (words hold no quote character), joined by implicit AND. */
export const fts5Query = (terms: SearchTerms): string =>
  terms.phrases.map((phrase) => `"${phrase.join(' ')}"`).join(' ');

/** PostgreSQL: the phrases as plain text for `phraseto_tsquery`, one per phrase, ANDed by the caller. */
export const tsPhrases = (terms: SearchTerms): string[] => terms.phrases.map((phrase) => phrase.join(' '));
