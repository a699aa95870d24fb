/** Opaque keyset-paging cursors: the last row's sort value and id, base64url JSON. */
import { errors } from '@chatshare/core';
import { sql } from 'kysely';

export type CursorValue = string | number;

export const encodeCursor = (value: CursorValue, id: string): string =>
  Buffer.from(JSON.stringify([value, id])).toString('base64url');

export function decodeCursor(cursor: string): { value: CursorValue; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      typeof parsed[1] === 'string'
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
