/**
 * Search on SQLite: FTS5 (porter stemming, diacritics folded) ranked by BM25 with the title
 * weighing ten times the body. Ranking and highlighting are two queries, so the costly
 * `highlight`/`snippet` run for one page of rows, not for every match.
 *
 * Relevance ranks matches in the index alone and reads shares only for the best few: joining
 * every match to its share before sorting cost about 200 ms for a word found in 40 % of 100k
 * shares (bench/explore), ranking alone about 16 ms.
 */
import { sql, type Kysely, type QueryResult } from 'kysely';
import type { Database } from '../db/schema.js';
import {
  HIT_COLUMNS,
  keysetAfter,
  listedFilter,
  listOrder,
  offsetOf,
  type HitRow,
  type PageStart,
  type SearchEngine,
} from './explore-repository.js';
import { MARK_END, MARK_START } from './highlight.js';
import { fts5Query } from './query.js';

type RankedRow = HitRow & { doc_id: number };

/** Nearly every indexed share is listable: a page's worth of best matches, twice over, is plenty. */
const candidatesFor = (wanted: number) => 2 * wanted + 50;

/** The page of the `candidates` best matches that are listed, by BM25 then doc_id; -1 means all (no LIMIT). */
function relevancePage(
  db: Kysely<Database>,
  options: { match: string; start: PageStart; limit: number; now: Date; candidates: number },
): Promise<QueryResult<RankedRow>> {
  const { match, start, limit, now, candidates } = options;
  return sql<RankedRow>`
    with best as (
      select rowid as doc_id, bm25(share_search_fts, 10.0, 1.0) as score from share_search_fts
      where share_search_fts match ${match} order by score, rowid limit ${candidates})
    select best.doc_id, ${HIT_COLUMNS} from best
    join share_search ss on ss.doc_id = best.doc_id
    join shares s on s.id = ss.share_id left join users u on u.id = s.owner_id
    where ${listedFilter(now)}
    order by best.score, best.doc_id limit ${limit} offset ${offsetOf(start)}`.execute(db);
}

export function sqliteSearch(db: Kysely<Database>): SearchEngine {
  return {
    async page({ terms, sort, start, limit, now }) {
      const match = fts5Query(terms);
      let ranked: QueryResult<RankedRow>;
      if (sort === 'relevance') {
        const page = { match, start, limit, now };
        ranked = await relevancePage(db, { ...page, candidates: candidatesFor(offsetOf(start) + limit) });
        // A short page means the matches ran out or too many of the best were not listable:
        // rank every match then, so no listed share is ever skipped.
        if (ranked.rows.length < limit) ranked = await relevancePage(db, { ...page, candidates: -1 });
      } else {
        ranked = await sql<RankedRow>`
          select ss.doc_id, ${HIT_COLUMNS} from share_search_fts
          join share_search ss on ss.doc_id = share_search_fts.rowid
          join shares s on s.id = ss.share_id left join users u on u.id = s.owner_id
          where share_search_fts match ${match} and ${listedFilter(now)}${keysetAfter(sort, start)}
          order by ${listOrder(sort)} limit ${limit} offset ${offsetOf(start)}`.execute(db);
      }
      if (ranked.rows.length === 0) return [];
      const marked = await sql<{ doc_id: number; title_marked: string; excerpt_marked: string }>`
        select rowid as doc_id,
          highlight(share_search_fts, 0, ${MARK_START}, ${MARK_END}) as title_marked,
          snippet(share_search_fts, 1, ${MARK_START}, ${MARK_END}, '…', 24) as excerpt_marked
        from share_search_fts
        where share_search_fts match ${match}
          and rowid in (${sql.join(ranked.rows.map((row) => row.doc_id))})`.execute(db);
      const byDoc = new Map(marked.rows.map((row) => [Number(row.doc_id), row]));
      return ranked.rows.map((row) => ({ ...row, ...byDoc.get(Number(row.doc_id)) }));
    },
  };
}
