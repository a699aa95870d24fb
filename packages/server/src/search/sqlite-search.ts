/**
 * Search on SQLite: FTS5 (porter stemming, diacritics folded) ranked by BM25 with the title
 * weighing ten times the body. Ranking and highlighting are two queries, so the costly
 * `highlight`/`snippet` run for one page of rows, not for every match.
 *
 * Relevance ranks matches in the index alone and reads shares only for the best few: joining
 * every match to its share before sorting cost about 200 ms for a word found in 40 % of 100k
 * shares (bench/explore), ranking alone about 16 ms.
 */
import { sql, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
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

/** The engine's plan thresholds; tests set them low to take every path with little data. */
export interface SqlitePlanOptions {
  /** How many of the best matches relevance ranking reads shares for, first. */
  candidates?: (wanted: number) => number;
  /** Up to this many matches, "most viewed" sorts them all instead of walking the view index. */
  fewMatches?: number;
}

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

/** Below this many matches, sorting them all beats walking the index in view order. */
const FEW_MATCHES = 1000;

/**
 * Matches in date or view order. Rows of `shares` and `share_search` hold whole snapshots and
 * texts, so reading one costs its overflow pages; the plans below read as few as they can.
 * Newest walks `share_search_listed_idx` (covering) in order and keeps rows whose `doc_id` is
 * among the matches, stopping after one page. Views walks `shares_view_count_idx` (covering
 * the listing columns) the same way when there are many matches; with few, joining and sorting
 * them is cheaper than walking every share. `+ss.doc_id` keeps SQLite from probing the index
 * once per match instead of testing each walked row against the set.
 */
function sortedPage(
  db: Kysely<Database>,
  options: { match: string; sort: 'newest' | 'views'; start: PageStart; limit: number; now: Date; fewMatches: number },
): Promise<QueryResult<RankedRow>> {
  const { match, sort, start, limit, now, fewMatches } = options;
  const matched = sql`+ss.doc_id in (select rowid from share_search_fts where share_search_fts match ${match})`;
  const walk = (tables: RawBuilder<unknown>) => sql<RankedRow>`
    select ss.doc_id, ${HIT_COLUMNS} from ${tables} left join users u on u.id = s.owner_id
    where s.id = ss.share_id and ${matched} and ${listedFilter(now)}${keysetAfter(sort, start)}
    order by ${listOrder(sort)} limit ${limit} offset ${offsetOf(start)}`;
  if (sort === 'newest') {
    return walk(sql`share_search ss indexed by share_search_listed_idx cross join shares s`).execute(db);
  }
  return (async () => {
    const counted = await sql<{ count: number }>`
      select count(*) as count from share_search_fts where share_search_fts match ${match}`.execute(db);
    if (Number(counted.rows[0]?.count ?? 0) > fewMatches) {
      return walk(sql`shares s indexed by shares_view_count_idx cross join share_search ss`).execute(db);
    }
    return sql<RankedRow>`
      select ss.doc_id, ${HIT_COLUMNS} from share_search_fts
      join share_search ss on ss.doc_id = share_search_fts.rowid
      join shares s on s.id = ss.share_id left join users u on u.id = s.owner_id
      where share_search_fts match ${match} and ${listedFilter(now)}${keysetAfter(sort, start)}
      order by ${listOrder(sort)} limit ${limit} offset ${offsetOf(start)}`.execute(db);
  })();
}

export function sqliteSearch(db: Kysely<Database>, plan: SqlitePlanOptions = {}): SearchEngine {
  const candidates = plan.candidates ?? candidatesFor;
  const fewMatches = plan.fewMatches ?? FEW_MATCHES;
  return {
    async page({ terms, sort, start, limit, now }) {
      const match = fts5Query(terms);
      let ranked: QueryResult<RankedRow>;
      if (sort === 'relevance') {
        const page = { match, start, limit, now };
        ranked = await relevancePage(db, { ...page, candidates: candidates(offsetOf(start) + limit) });
        // A short page means the matches ran out or too many of the best were not listable:
        // rank every match then, so no listed share is ever skipped.
        if (ranked.rows.length < limit) ranked = await relevancePage(db, { ...page, candidates: -1 });
      } else {
        ranked = await sortedPage(db, { match, sort, start, limit, now, fewMatches });
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
