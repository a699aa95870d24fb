/**
 * The explore listing and full-text search, one interface over two engines: SQLite FTS5
 * (`sqlite-search.ts`) and PostgreSQL `tsvector` (`postgres-search.ts`). What differs is only
 * how text is matched, ranked and highlighted; which shares may appear is decided here, once,
 * by `listedFilter` in SQL and again by core's `isListed` on every row returned.
 */
import { errors, isIndexable, isListed, type Privacy, type ShareAccessState } from '@chatshare/core';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { decodeCursor, encodeCursor } from '../repositories/cursor.js';
import { afterKey, keysetOrder, pageOf, type Keyset } from '../repositories/keyset.js';
import { toSegments, type TextSegment } from './highlight.js';
import { isEmptySearch, parseSearch, type SearchTerms } from './query.js';
import type { SearchDocument } from './search-document.js';

export type ExploreSort = 'relevance' | 'newest' | 'views';
export const EXPLORE_SORTS: readonly ExploreSort[] = ['relevance', 'newest', 'views'];

export interface ExploreQuery {
  q?: string;
  /** Default: relevance with search words, newest without. */
  sort?: ExploreSort;
  cursor?: string;
  limit: number;
}

export interface ExploreHit {
  shareId: string;
  code: string;
  title: TextSegment[];
  excerpt: TextSegment[];
  messageCount: number;
  models: string[];
  viewCount: number;
  listedAt: string;
  author: string | null;
}

export interface ExplorePage {
  hits: ExploreHit[];
  sort: ExploreSort;
  nextCursor: string | null;
}

export interface SitemapEntry {
  code: string;
  lastModified: string;
}

/** Relevance pages by offset (ranks are floats); deeper than this nobody reads. */
export const MAX_RELEVANCE_OFFSET = 1000;
export const SITEMAP_PAGE_SIZE = 50_000;

/** One row as both engines return it: the share's live state plus the indexed text. */
export interface HitRow {
  share_id: string;
  code: string;
  title: string;
  excerpt: string;
  models: string;
  listed_at: string;
  owner_id: string;
  privacy: string;
  has_password: number | string;
  expires_at: string | null;
  max_views: number | string | null;
  view_count: number | string;
  revoked_at: string | null;
  taken_down_at: string | null;
  message_count: number | string;
  show_author: number | string;
  author_name: string | null;
}

/**
 * The listing rule of core's `isListed`, as SQL over `shares s`: public, no password, live,
 * not taken down, not expired, no view limit. Expiry changes without any write, so this runs
 * on every query; the index only holds text. Kept equal to `isListed` by a test.
 */
export const listedFilter = (now: Date): RawBuilder<boolean> => sql<boolean>`(
  s.privacy = 'public' and s.password_hash is null and s.revoked_at is null and s.taken_down_at is null
  and (s.expires_at is null or s.expires_at > ${now.toISOString()})
  and s.max_views is null)`;

/**
 * The rule of core's `isIndexable`, as SQL over `shares s`: listed, the owner allows search
 * engines, no view limit. Kept equal to `isIndexable` by a test.
 */
export const indexableFilter = (now: Date): RawBuilder<boolean> =>
  sql<boolean>`(${listedFilter(now)} and s.allow_indexing = 1 and s.max_views is null)`;

/** The columns of `AccessRow` from `shares s`. */
const ACCESS_COLUMNS = sql`s.owner_id, s.privacy, case when s.password_hash is null then 0 else 1 end as has_password,
  s.expires_at, s.max_views, s.view_count, s.revoked_at, s.taken_down_at`;

/** The columns of `HitRow` from `share_search ss`, `shares s` and `users u`. */
export const HIT_COLUMNS = sql`ss.share_id, s.code, ss.title, ss.excerpt, ss.models, ss.listed_at, s.owner_id,
  s.privacy, case when s.password_hash is null then 0 else 1 end as has_password, s.expires_at, s.max_views,
  s.view_count, s.revoked_at, s.taken_down_at, s.message_count, s.show_author, u.name as author_name`;

const date = (value: string | null) => (value === null ? null : new Date(value));

/** The share's live state as a row holds it. */
type AccessRow = Pick<
  HitRow,
  'owner_id' | 'privacy' | 'has_password' | 'expires_at' | 'max_views' | 'view_count' | 'revoked_at' | 'taken_down_at'
>;

function accessState(row: AccessRow): ShareAccessState {
  return {
    ownerId: row.owner_id,
    privacy: row.privacy as Privacy,
    hasPassword: Number(row.has_password) === 1,
    passwordVersion: 0,
    allowedEmails: [],
    expiresAt: date(row.expires_at),
    maxViews: row.max_views === null ? null : Number(row.max_views),
    viewCount: Number(row.view_count),
    revokedAt: date(row.revoked_at),
    takenDownAt: date(row.taken_down_at),
  };
}

export function toHit(row: HitRow & { title_marked?: string; excerpt_marked?: string }): ExploreHit {
  const marked = row.excerpt_marked?.trim();
  return {
    shareId: row.share_id,
    code: row.code,
    title: toSegments(row.title_marked ?? row.title),
    // A match only in the title leaves no body snippet worth showing: use the stored excerpt.
    excerpt: marked && marked.includes('\uE000') ? toSegments(marked) : toSegments(row.excerpt),
    messageCount: Number(row.message_count),
    models: JSON.parse(row.models) as string[],
    viewCount: Number(row.view_count),
    listedAt: row.listed_at,
    author: Number(row.show_author) === 1 ? row.author_name : null,
  };
}

/** Where a page starts: a keyset for newest / views, an offset for relevance. */
export type PageStart =
  { kind: 'first' } | { kind: 'after'; value: string | number; id: string } | { kind: 'offset'; offset: number };

function pageStart(sort: ExploreSort, cursor: string | undefined): PageStart {
  if (!cursor) return { kind: 'first' };
  const { value, id } = decodeCursor(cursor);
  if (sort === 'relevance') {
    if (id !== 'offset' || typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw errors.invalidCursor();
    }
    return { kind: 'offset', offset: Math.min(value, MAX_RELEVANCE_OFFSET) };
  }
  const expected = sort === 'newest' ? 'string' : 'number';
  if (typeof value !== expected || id === 'offset') throw errors.invalidCursor();
  return { kind: 'after', value, id };
}

/** The two orders that need no search words, over `share_search ss` and `shares s`. */
const LIST_KEYSETS = {
  newest: { sort: 'ss.listed_at', id: 'ss.share_id', order: 'desc', valueType: 'string' },
  views: { sort: 's.view_count', id: 's.id', order: 'desc', valueType: 'number' },
} as const satisfies Record<string, Keyset>;

/** The page's start as SQL (after `where …`): rows past the cursor, in the order of `sort`. */
export function keysetAfter(sort: ExploreSort, start: PageStart): RawBuilder<unknown> {
  if (start.kind !== 'after') return sql``;
  return sql` and ${afterKey(LIST_KEYSETS[sort === 'views' ? 'views' : 'newest'], start)}`;
}

/** ORDER BY for the two orders that need no search words. */
export const listOrder = (sort: 'newest' | 'views') => keysetOrder(LIST_KEYSETS[sort]);

export const offsetOf = (start: PageStart) => (start.kind === 'offset' ? start.offset : 0);

/** The listing without search words: the same SQL on both dialects. */
async function listPage(db: Kysely<Database>, sort: 'newest' | 'views', start: PageStart, limit: number, now: Date) {
  // Newest walks `share_search_listed_idx` and stops after one page. SQLite keeps the tables of a
  // CROSS JOIN in the order written; with a plain join it scanned every share through the
  // partial index on live shares and sorted them all (about 560 ms with 100k shares, bench/explore).
  // PostgreSQL plans a cross join with a WHERE like any join.
  const tables =
    sort === 'newest'
      ? sql`share_search ss cross join shares s`
      : sql`share_search ss join shares s on s.id = ss.share_id`;
  const result = await sql<HitRow>`
    select ${HIT_COLUMNS} from ${tables} left join users u on u.id = s.owner_id
    where s.id = ss.share_id and ${listedFilter(now)}${keysetAfter(sort, start)}
    order by ${listOrder(sort)} limit ${limit}`.execute(db);
  return result.rows;
}

/** What each engine implements: match, rank and highlight. */
export interface SearchEngine {
  /** Rows of listed shares matching `terms`, in the order of `sort`, at most `limit`, from `start`. */
  page(options: {
    terms: SearchTerms;
    sort: ExploreSort;
    start: PageStart;
    limit: number;
    now: Date;
  }): Promise<Array<HitRow & { title_marked?: string; excerpt_marked?: string }>>;
}

export class ExploreRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: SearchEngine,
    private readonly now: () => Date,
  ) {}

  /** Adds or replaces a share's text; `listed_at` stays the time it first entered the listing. */
  async upsert(shareId: string, document: SearchDocument): Promise<void> {
    const values = {
      share_id: shareId,
      title: document.title,
      body: document.body,
      excerpt: document.excerpt,
      models: JSON.stringify(document.models),
      listed_at: this.now().toISOString(),
    };
    await this.db
      .insertInto('share_search')
      .values(values)
      .onConflict((oc) =>
        oc.column('share_id').doUpdateSet({
          title: values.title,
          body: values.body,
          excerpt: values.excerpt,
          models: values.models,
        }),
      )
      .execute();
  }

  async remove(shareIds: readonly string[]): Promise<void> {
    if (shareIds.length === 0) return;
    await this.db.deleteFrom('share_search').where('share_id', 'in', shareIds).execute();
  }

  async has(shareId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('share_search')
      .select('share_id')
      .where('share_id', '=', shareId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async search(query: ExploreQuery): Promise<ExplorePage> {
    const terms = query.q ? parseSearch(query.q) : null;
    const searching = terms !== null && !isEmptySearch(terms);
    // Relevance means nothing without words; "newest" is then the natural order.
    const sort =
      query.sort === 'relevance' && !searching ? 'newest' : (query.sort ?? (searching ? 'relevance' : 'newest'));
    // Words that hold no letter or digit (only punctuation) find nothing rather than everything.
    if (terms !== null && !searching) return { hits: [], sort, nextCursor: null };
    const start = pageStart(sort, query.cursor);
    if (start.kind === 'offset' && start.offset >= MAX_RELEVANCE_OFFSET) return { hits: [], sort, nextCursor: null };
    const now = this.now();
    const rows = searching
      ? await this.engine.page({ terms, sort, start, limit: query.limit + 1, now })
      : await listPage(this.db, sort === 'views' ? 'views' : 'newest', start, query.limit + 1, now);
    const page = pageOf(rows, query.limit, (last) => {
      if (sort !== 'relevance') {
        return encodeCursor(sort === 'newest' ? last.listed_at : Number(last.view_count), last.share_id);
      }
      const offset = offsetOf(start) + query.limit;
      return offset < MAX_RELEVANCE_OFFSET ? encodeCursor(offset, 'offset') : null;
    });
    // The policy module has the last word on every row, whatever the SQL said.
    const hits = page.items.filter((row) => isListed(accessState(row), now)).map(toHit);
    return { hits, sort, nextCursor: page.nextCursor };
  }

  /** Shares search engines may index (public, `allowIndexing`, no view limit), by page. */
  async sitemap(page: number): Promise<SitemapEntry[]> {
    const now = this.now();
    const rows = await sql<AccessRow & { code: string; snapshot_at: string; allow_indexing: number | string }>`
      select s.code, s.snapshot_at, s.allow_indexing, ${ACCESS_COLUMNS}
      from share_search ss join shares s on s.id = ss.share_id
      where ${indexableFilter(now)}
      order by ss.share_id limit ${SITEMAP_PAGE_SIZE} offset ${(page - 1) * SITEMAP_PAGE_SIZE}`.execute(this.db);
    // As for search, the policy module has the last word on every row.
    return rows.rows
      .filter((row) => isIndexable({ ...accessState(row), allowIndexing: Number(row.allow_indexing) === 1 }, now))
      .map((row) => ({ code: row.code, lastModified: row.snapshot_at }));
  }

  async sitemapCount(): Promise<number> {
    const result = await sql<{ count: number | string }>`
      select count(*) as count from share_search ss join shares s on s.id = ss.share_id
      where ${indexableFilter(this.now())}`.execute(this.db);
    return Number(result.rows[0]?.count ?? 0);
  }
}
