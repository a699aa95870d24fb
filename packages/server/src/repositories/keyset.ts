/**
 * Keyset paging, for every listing: rows come in the order of a sort column with the id
 * breaking ties, and a page starts after the (sort value, id) its cursor names. Unlike an
 * offset, a row written meanwhile never shifts a page or shows twice.
 */
import { errors } from '@chatshare/core';
import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { decodeCursor, encodeCursor, type CursorValue } from './cursor.js';

export interface Keyset {
  /** The sort column as the query names it (`r.created_at`). */
  sort: string;
  /** The unique column that orders rows with the same sort value. */
  id: string;
  order: 'asc' | 'desc';
  /** What the sort column holds: a cursor with another kind of value is refused (400), not sent to the database. */
  valueType: 'string' | 'number';
}

/** Where a page starts: the sort value and id of the last row of the page before. */
export interface Key {
  value: CursorValue;
  id: string;
}

/** The rows past `key` in the keyset's order, as SQL for a WHERE. */
export function afterKey(keyset: Keyset, key: Key): RawBuilder<boolean> {
  const past = sql.raw(keyset.order === 'desc' ? '<' : '>');
  const sort = sql.ref(keyset.sort);
  return sql<boolean>`(${sort} ${past} ${key.value} or (${sort} = ${key.value} and ${sql.ref(keyset.id)} ${past} ${key.id}))`;
}

/** The keyset's order, as SQL for an ORDER BY. */
export function keysetOrder(keyset: Keyset): RawBuilder<unknown> {
  // Never the caller's text in the SQL: one of two fixed words.
  const direction = keyset.order === 'desc' ? sql`desc` : sql`asc`;
  return sql`${sql.ref(keyset.sort)} ${direction}, ${sql.ref(keyset.id)} ${direction}`;
}

export interface Page<Row> {
  items: Row[];
  nextCursor: string | null;
}

/**
 * The first `limit` of `rows`, which were fetched with a limit of `limit + 1`: the extra row
 * only tells that another page follows, and `cursorOf` names where it starts (null: nowhere,
 * as past the deepest page a listing serves).
 */
export function pageOf<Row>(rows: Row[], limit: number, cursorOf: (last: Row) => string | null): Page<Row> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

/** The start a cursor names, when it holds a value of the sort column's kind. */
function keyFrom(keyset: Keyset, cursor: string): Key {
  const key = decodeCursor(cursor);
  if (typeof key.value !== keyset.valueType) throw errors.invalidCursor();
  return key;
}

/**
 * One page of `query` in the keyset's order, from `page.cursor` (the start when absent).
 * `keyOf` reads a row's sort value and id, under the names the query selects them as.
 */
export async function keysetPage<DB, TB extends keyof DB, Row>(
  query: SelectQueryBuilder<DB, TB, Row>,
  keyset: Keyset & { keyOf: (row: Row) => Key },
  page: { cursor?: string | undefined; limit: number },
): Promise<Page<Row>> {
  const from = page.cursor ? query.where(afterKey(keyset, keyFrom(keyset, page.cursor))) : query;
  const rows = (await from
    .orderBy(keysetOrder(keyset))
    .limit(page.limit + 1)
    .execute()) as Row[];
  return pageOf(rows, page.limit, (last) => {
    const { value, id } = keyset.keyOf(last);
    return encodeCursor(value, id);
  });
}
