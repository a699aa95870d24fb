/** Opaque keyset-paging cursors: the last row's sort value and id, base64url JSON. */
import { errors } from '@chatshare/core';
import { sql } from 'kysely';

export type CursorValue = string | number;

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const isPlain = (text: string) => text.length <= 1000 && !/[\u0000-\u001f]/.test(text);

export const encodeCursor = (value: CursorValue, id: string): string =>
  Buffer.from(JSON.stringify([value, id])).toString('base64url');

export function decodeCursor(cursor: string): { value: CursorValue; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Sort values are whole numbers (counts, offsets) or text without control characters
    // (timestamps, titles): anything else would reach the database as a bad parameter.
    const isValue = (value: unknown) =>
      (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && isPlain(value));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      isValue(parsed[0]) &&
      typeof parsed[1] === 'string' &&
      isPlain(parsed[1])
    ) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw errors.invalidCursor();
}

/** Escapes LIKE wildcards so a search for `50%` finds "50%" and not everything. */
const likePattern = (query: string): string => `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Case-insensitive substring match on a column, the same on SQLite and PostgreSQL. */
export const containsText = (column: string, query: string) =>
  sql<boolean>`lower(${sql.ref(column)}) like ${likePattern(query)} escape '\\'`;
