/**
 * Search on SQLite: FTS5 (porter stemming, diacritics folded) ranked by BM25 with the title
 * weighing ten times the body. Ranking and highlighting are two queries, so the costly
 * `highlight`/`snippet` run for one page of rows, not for every match.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import {
  HIT_COLUMNS,
  keysetAfter,
  listedFilter,
  listOrder,
  offsetOf,
  type HitRow,
  type SearchEngine,
} from './explore-repository.js';
import { MARK_END, MARK_START } from './highlight.js';
import { fts5Query } from './query.js';

export function sqliteSearch(db: Kysely<Database>): SearchEngine {
  return {
    async page({ terms, sort, start, limit, now }) {
      const match = fts5Query(terms);
      const order = sort === 'relevance' ? sql`bm25(share_search_fts, 10.0, 1.0), ss.share_id` : listOrder(sort);
      const ranked = await sql<HitRow & { doc_id: number }>`
        select ss.doc_id, ${HIT_COLUMNS} from share_search_fts
        join share_search ss on ss.doc_id = share_search_fts.rowid
        join shares s on s.id = ss.share_id left join users u on u.id = s.owner_id
        where share_search_fts match ${match} and ${listedFilter(now)}${keysetAfter(sort, start)}
        order by ${order} limit ${limit} offset ${offsetOf(start)}`.execute(db);
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
