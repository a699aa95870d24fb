/**
 * The keyset paging every listing uses, on a real database (a SQLite file, or PostgreSQL with
 * TEST_DATABASE_URL): walking the pages gives every row once, in the order of the sort column
 * with the id breaking ties, whatever the page size.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/db/connect.js';
import { keysetPage, pageOf, type Keyset } from '../../src/repositories/keyset.js';
import { encodeCursor } from '../../src/repositories/cursor.js';
import { TEST_DATABASE_URL } from '../helpers/app.js';

let handle: DatabaseHandle;
let dataDir: string;
const schema = TEST_DATABASE_URL ? `t_${randomBytes(6).toString('hex')}` : null;

/** Conversations with ties in both sort columns, so the id has to break them. */
const ROWS = [
  { id: 'c1', updated_at: '2026-01-03T00:00:00.000Z', message_count: 5 },
  { id: 'c2', updated_at: '2026-01-01T00:00:00.000Z', message_count: 2 },
  { id: 'c3', updated_at: '2026-01-03T00:00:00.000Z', message_count: 2 },
  { id: 'c4', updated_at: '2026-01-02T00:00:00.000Z', message_count: 9 },
  { id: 'c5', updated_at: '2026-01-03T00:00:00.000Z', message_count: 2 },
  { id: 'c6', updated_at: '2026-01-02T00:00:00.000Z', message_count: 5 },
  { id: 'c7', updated_at: '2026-01-01T00:00:00.000Z', message_count: 0 },
];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-keyset-'));
  handle = await openDatabase({ databaseUrl: TEST_DATABASE_URL, databaseSchema: schema, dataDir });
  await migrateToLatest(handle);
  const at = '2026-01-01T00:00:00.000Z';
  for (const owner of ['u1', 'u2']) {
    await handle.db
      .insertInto('users')
      .values({
        id: owner,
        email: `${owner}@example.com`,
        name: null,
        password_hash: 'x',
        email_verified_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  const conversations = [
    ...ROWS.map((row) => ({ ...row, owner_id: 'u1' })),
    { ...ROWS[0]!, id: 'other', owner_id: 'u2' },
  ];
  for (const row of conversations) {
    await handle.db
      .insertInto('conversations')
      .values({
        ...row,
        title: row.id,
        data: '{}',
        source_format: 'chatshare',
        imported_at: at,
        source_id: null,
        content_hash: null,
        created_at: at,
      })
      .execute();
  }
});

afterAll(async () => {
  if (schema) await sql.raw(`drop schema if exists "${schema}" cascade`).execute(handle.db);
  await handle.close();
  await rm(dataDir, { recursive: true, force: true });
});

type Row = (typeof ROWS)[number];

/** The ids of u1's conversations, page by page, walking the cursors to the end. */
async function walk(keyset: Keyset & { column: 'updated_at' | 'message_count' }, limit: number) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const query = handle.db
      .selectFrom('conversations as c')
      .select(['c.id', 'c.updated_at', 'c.message_count'])
      .where('c.owner_id', '=', 'u1');
    const page = await keysetPage(
      query,
      { ...keyset, keyOf: (row) => ({ value: row[keyset.column], id: row.id }) },
      { cursor, limit },
    );
    pages.push(page.items.map((row) => row.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && pages.length <= ROWS.length);
  return pages;
}

/** The ids in the order a keyset on `column` means: by the column, then by id. */
function expected(column: keyof Row, order: 'asc' | 'desc') {
  const sign = order === 'asc' ? 1 : -1;
  const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return [...ROWS].sort((a, b) => sign * (compare(a[column], b[column]) || compare(a.id, b.id))).map((row) => row.id);
}

describe('keyset paging', () => {
  it.each([1, 2, 3, 6])('walks a text column newest first, %i rows a page, every row once', async (limit) => {
    const pages = await walk(
      { sort: 'c.updated_at', id: 'c.id', order: 'desc', valueType: 'string', column: 'updated_at' },
      limit,
    );
    expect(pages.flat()).toEqual(expected('updated_at', 'desc'));
    expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
  });

  it.each([1, 2, 4])('walks a number column upwards, %i rows a page, every row once', async (limit) => {
    const pages = await walk(
      { sort: 'c.message_count', id: 'c.id', order: 'asc', valueType: 'number', column: 'message_count' },
      limit,
    );
    expect(pages.flat()).toEqual(expected('message_count', 'asc'));
  });

  it('gives no cursor when the page holds the last row, even a full page', async () => {
    const pages = await walk(
      { sort: 'c.updated_at', id: 'c.id', order: 'desc', valueType: 'string', column: 'updated_at' },
      ROWS.length,
    );
    expect(pages).toEqual([expected('updated_at', 'desc')]);
  });

  it('refuses a cursor it did not make', async () => {
    const query = handle.db.selectFrom('conversations').select(['id', 'updated_at']);
    const keyset = {
      sort: 'updated_at',
      id: 'id',
      order: 'desc',
      valueType: 'string',
      keyOf: (row: { id: string; updated_at: string }) => ({ value: row.updated_at, id: row.id }),
    } as const;
    await expect(keysetPage(query, keyset, { cursor: 'not-a-cursor', limit: 2 })).rejects.toMatchObject({
      code: 'invalid_cursor',
    });
  });

  it("refuses a well-formed cursor whose value is not of the sort column's kind", async () => {
    const query = handle.db.selectFrom('conversations').select(['id', 'message_count']);
    const keyset = {
      sort: 'message_count',
      id: 'id',
      order: 'asc',
      valueType: 'number',
      keyOf: (row: { id: string; message_count: number }) => ({ value: row.message_count, id: row.id }),
    } as const;
    const textCursor = encodeCursor('2026-01-01T00:00:00.000Z', 'c1');
    await expect(keysetPage(query, keyset, { cursor: textCursor, limit: 2 })).rejects.toMatchObject({
      code: 'invalid_cursor',
    });
    const numberCursor = encodeCursor(2, 'c1');
    await expect(keysetPage(query, keyset, { cursor: numberCursor, limit: 2 })).resolves.toMatchObject({
      items: expect.any(Array),
    });
  });
});

describe('pageOf', () => {
  it('keeps the first rows and names the next start only when a row is left over', () => {
    const cursorOf = (last: number) => `after-${last}`;
    expect(pageOf([1, 2, 3], 2, cursorOf)).toEqual({ items: [1, 2], nextCursor: 'after-2' });
    expect(pageOf([1, 2], 2, cursorOf)).toEqual({ items: [1, 2], nextCursor: null });
    expect(pageOf([], 2, cursorOf)).toEqual({ items: [], nextCursor: null });
  });

  it('lets the cursor say that no page follows after all', () => {
    expect(pageOf([1, 2, 3], 2, () => null)).toEqual({ items: [1, 2], nextCursor: null });
  });
});
