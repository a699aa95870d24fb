/**
 * SQLite: point reads on the read-only connection (db/connect.ts), kept until the database
 * changes. Two signals drop them:
 * - every write statement of this process's main connection (`noteWrite`, called by the
 *   statement cache as the statement is prepared, in the same synchronous step that runs it,
 *   and again for its COMMIT), so a change made here is seen by the very next read;
 * - `PRAGMA data_version`, which changes whenever any other connection commits to the file
 *   (another process: a CLI command), asked once per turn of the event loop, so such a change
 *   is seen from the next turn on. Asking it on every read cost a tenth of a page's time.
 * No row outlives a change: any write to any table drops them all, which on a busy instance
 * (views are written every second) means rows live about a second.
 */
import type { Database as SqliteFile, Statement } from 'better-sqlite3';

/** Rows kept per query; past it they are dropped together (a flood of unknown codes). */
const MAX_ROWS = 10_000;

export type CommittedRead<Row> = (key: string) => Row | undefined;

export class CommittedReads {
  private readonly dataVersion: Statement<[], number>;
  private version = -1;
  private writes = 0;
  private seenWrites = 0;
  private versionAsked = false;
  private readonly kept = new Set<Map<string, unknown>>();
  private readonly nextTurn = () => {
    this.versionAsked = false;
  };

  constructor(private readonly reader: Pick<SqliteFile, 'prepare'>) {
    this.dataVersion = reader.prepare<[], number>('pragma data_version').pluck();
  }

  /** A read of one row by one parameter; `undefined` when there is none (kept too). */
  read<Row>(sql: string): CommittedRead<Row> {
    const statement = this.reader.prepare<[string], Row>(sql);
    const rows = new Map<string, Row | null>();
    this.kept.add(rows);
    return (key) => {
      this.dropIfChanged();
      let row = rows.get(key);
      if (row === undefined) {
        if (rows.size >= MAX_ROWS) rows.clear();
        row = statement.get(key) ?? null;
        rows.set(key, row);
      }
      return row ?? undefined;
    };
  }

  /** This process wrote (or is about to write, then commit) on its main connection. */
  noteWrite(): void {
    this.writes += 1;
  }

  private dropIfChanged(): void {
    if (!this.versionAsked) {
      this.versionAsked = true;
      setImmediate(this.nextTurn);
      const version = this.dataVersion.get() as number;
      if (version !== this.version) {
        this.version = version;
        this.drop();
      }
    }
    if (this.writes !== this.seenWrites) {
      this.seenWrites = this.writes;
      this.drop();
    }
  }

  private drop(): void {
    for (const rows of this.kept) rows.clear();
  }
}
