/**
 * better-sqlite3 compiles SQL anew on every `prepare`, and Kysely prepares every query it
 * runs: on the share page's hot path that compiling cost more than the query. This keeps the
 * most recently used statements (SQLite recompiles them by itself after a schema change).
 * Safe because a statement is only ever run to completion before the next use: Kysely's
 * one SQLite connection serialises queries, and this project never streams (`.stream()`),
 * the one case where a statement stays busy across queries.
 */
import type { Database as SqliteFile, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * What Kysely's `rollback` runs when SQLite has already rolled the transaction back itself
 * (it does on SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM…): a real ROLLBACK would fail with
 * "cannot rollback - no transaction is active", and that error would replace the real one.
 */
const ROLLED_BACK = {
  reader: false,
  all: () => [],
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
  iterate: () => [][Symbol.iterator](),
};

/**
 * `onWrite` is told of every statement that is not a read (writes, BEGIN, COMMIT) as Kysely
 * prepares it, in the same synchronous step in which Kysely then runs it (committed-reads.ts).
 */
export function withStatementCache(
  file: SqliteFile,
  { capacity = 256, onWrite }: { capacity?: number; onWrite?: () => void } = {},
): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => void file.close(),
    prepare(sql: string) {
      if (sql === 'rollback' && !file.inTransaction) return ROLLED_BACK;
      let statement = statements.get(sql);
      if (statement) {
        // Re-insert to keep the map in least-recently-used order.
        statements.delete(sql);
      } else {
        statement = file.prepare(sql);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      if (!statement.reader) onWrite?.();
      return statement;
    },
  };
}
