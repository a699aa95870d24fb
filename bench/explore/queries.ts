/**
 * The search mix: what people type into explore, by kind. Each kind has several different
 * queries taken in turn, so no single posting list or cached page decides a kind's figures.
 * Words are picked by their rank in the generated vocabulary, so their frequency is known.
 */
import { vocabulary } from './conversation.js';
import { FUNCTION_WORD_COUNT, PHRASES } from './vocabulary.js';

export interface ExploreCall {
  q?: string;
  sort?: 'relevance' | 'newest' | 'views';
  /** Ask for the page after the first one (the first page's `nextCursor`). */
  secondPage?: boolean;
}

export interface QueryKind {
  name: string;
  calls: ExploreCall[];
}

const topic = (position: number) => vocabulary[FUNCTION_WORD_COUNT + position]!;
/** Topic words only: phrases sit among them in the ranking. */
const topicWords = (from: number, count: number, step: number) =>
  Array.from({ length: count * 3 }, (_, index) => topic(from + index * step))
    .filter((word) => !word.includes(' '))
    .slice(0, count);

const COMMON = topicWords(6, 8, 3);
const RARE = Array.from({ length: 8 }, (_, index) => vocabulary[30_000 + index * 2_501]!);
const PAIRS = topicWords(30, 16, 9);

export const QUERY_KINDS: QueryKind[] = [
  { name: 'rare word', calls: RARE.map((q) => ({ q })) },
  { name: 'common word', calls: COMMON.map((q) => ({ q })) },
  {
    name: 'two words',
    calls: Array.from({ length: 8 }, (_, index) => ({ q: `${PAIRS[index]!} ${PAIRS[15 - index]!}` })),
  },
  { name: 'phrase', calls: PHRASES.slice(0, 8).map((phrase) => ({ q: `"${phrase}"` })) },
  { name: 'no query, newest', calls: [{ sort: 'newest' }] },
  { name: 'no query, sort=views', calls: [{ sort: 'views' }] },
  { name: 'common word, page 2', calls: COMMON.map((q) => ({ q, secondPage: true })) },
  {
    name: 'no match',
    calls: ['quarkonium', 'zeitgeistly', 'flibbertigibbet', 'snollygoster', 'xyzzyplugh', 'borborygmus'].map((q) => ({
      q,
    })),
  },
];

/**
 * Searches sorted by date or views rather than relevance: not part of the goal's mix, timed
 * with fewer samples so their cost is on record.
 */
export const SORTED_SEARCH_KINDS: QueryKind[] = [
  { name: 'common word, sort=newest', calls: COMMON.map((q) => ({ q, sort: 'newest' })) },
  { name: 'common word, sort=views', calls: COMMON.map((q) => ({ q, sort: 'views' })) },
];

/** The same call as a query string for `GET /api/v1/shared`. */
export function searchParams(call: ExploreCall, cursor?: string): URLSearchParams {
  const params = new URLSearchParams();
  if (call.q !== undefined) params.set('q', call.q);
  if (call.sort) params.set('sort', call.sort);
  if (cursor) params.set('cursor', cursor);
  return params;
}
