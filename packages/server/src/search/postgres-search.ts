/**
 * Search on PostgreSQL: a generated `tsvector` (title weight A, body weight B, English
 * stemming) behind a GIN index, ranked by `ts_rank_cd`. Each quoted phrase or word becomes a
 * `phraseto_tsquery`, so input is never parsed as tsquery syntax. Headlines are computed for
 * one page of rows only, over the first part of the body (`ts_headline` reads all it is given).
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
import { tsPhrases } from './query.js';

const HEADLINE_CHARS = 20_000;
const TITLE_OPTIONS = `StartSel="${MARK_START}", StopSel="${MARK_END}", HighlightAll=true`;
const BODY_OPTIONS = `StartSel="${MARK_START}", StopSel="${MARK_END}", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

export function postgresSearch(db: Kysely<Database>): SearchEngine {
  return {
    async page({ terms, sort, start, limit, now }) {
      const query = sql.join(
        tsPhrases(terms).map((phrase) => sql`phraseto_tsquery('english', ${phrase})`),
        sql` && `,
      );
      const order = sort === 'relevance' ? sql`ts_rank_cd(ss.document, q.query) desc, ss.share_id` : listOrder(sort);
      const ranked = await sql<HitRow>`
        select ${HIT_COLUMNS} from share_search ss
        cross join (select ${query} as query) q
        join shares s on s.id = ss.share_id left join users u on u.id = s.owner_id
        where ss.document @@ q.query and ${listedFilter(now)}${keysetAfter(sort, start)}
        order by ${order} limit ${limit} offset ${offsetOf(start)}`.execute(db);
      if (ranked.rows.length === 0) return [];
      const marked = await sql<{ share_id: string; title_marked: string; excerpt_marked: string }>`
        select ss.share_id,
          ts_headline('english', ss.title, q.query, ${TITLE_OPTIONS}) as title_marked,
          ts_headline('english', left(ss.body, ${HEADLINE_CHARS}), q.query, ${BODY_OPTIONS}) as excerpt_marked
        from share_search ss cross join (select ${query} as query) q
        where ss.share_id in (${sql.join(ranked.rows.map((row) => row.share_id))})`.execute(db);
      const byShare = new Map(marked.rows.map((row) => [row.share_id, row]));
      return ranked.rows.map((row) => ({ ...row, ...byShare.get(row.share_id) }));
    },
  };
}
