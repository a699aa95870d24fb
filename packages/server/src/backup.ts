/**
 * Backups of the SQLite database (`chatshare backup` / `chatshare restore`), configured by the
 * environment like `serve`. A backup is SQLite's online backup of the live file: a consistent
 * snapshot taken while the server runs and writes, holding every write committed before it
 * began; it is written beside the target, checked with `PRAGMA integrity_check`, and only then
 * renamed into place. A restore checks the file the same way first and swaps it in only while
 * no process has the database open. PostgreSQL has its own tools: the commands say which.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from './env.js';

export { ConfigError } from './env.js';

/** The SQLite file of an instance, inside DATA_DIR (db/connect.ts opens the same). */
export const databaseFile = (dataDir: string) => path.join(dataDir, 'chatshare.sqlite');

export type BackupErrorCode =
  | 'postgres'
  | 'file_exists'
  | 'same_file'
  | 'not_found'
  | 'no_database'
  | 'not_a_database'
  | 'integrity_check_failed'
  | 'database_in_use'
  | 'database_not_empty';

/** An expected refusal, with a stable code; nothing was changed. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface CopyProgress {
  totalPages: number;
  copiedPages: number;
  pageSize: number;
}

export interface CopyOptions {
  /** Replace an existing FILE (backup) or a database that holds data (restore). */
  force?: boolean;
  onProgress?: (progress: CopyProgress) => void;
  /** Relative FILE paths are resolved against this (default: the working directory). */
  cwd?: string;
}

export interface CopyResult {
  /** The file written: the backup, or the instance's database. */
  file: string;
  bytes: number;
  pages: number;
}

type Env = Record<string, string | undefined>;

/**
 * The configuration, without generating a session secret into DATA_DIR when none is set: these
 * commands need none, and write nothing but their copy (the server makes one at its start).
 */
function configOf(env: Env) {
  const unused = 'not-used-by-backup-or-restore-000000000';
  return loadConfig({ ...env, SESSION_SECRET: env.SESSION_SECRET?.trim() ? env.SESSION_SECRET : unused });
}

const PG_BACKUP =
  'the database is PostgreSQL (DATABASE_URL): back it up with its own tools, e.g. ' +
  'pg_dump --format=custom --file=chatshare.dump "$DATABASE_URL"';
const PG_RESTORE =
  'the database is PostgreSQL (DATABASE_URL): restore a dump with its own tools, e.g. ' +
  'pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" chatshare.dump';

/** Pages copied per step: about a hundredth of the file, so progress moves evenly. */
const stepPages = (totalPages: number) => Math.max(100, Math.ceil(totalPages / 100));
/** better-sqlite3's largest step: the whole file at once. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies `source` into the new file `target` with the online backup API. A write by another
 * process between two steps makes SQLite start the copy again; after one such restart the
 * rest is copied in one step, a single read transaction that WAL lets writers work beside.
 */
async function copyDatabase(source: SQLite.Database, target: string, onProgress?: CopyOptions['onProgress']) {
  const pageSize = source.pragma('page_size', { simple: true }) as number;
  let lastRemaining = Infinity;
  let restarted = false;
  const { totalPages } = await source.backup(target, {
    progress({ totalPages: total, remainingPages }) {
      if (remainingPages > lastRemaining) restarted = true;
      lastRemaining = remainingPages;
      onProgress?.({ totalPages: total, copiedPages: total - remainingPages, pageSize });
      return restarted ? ALL_PAGES : stepPages(total);
    },
  });
  onProgress?.({ totalPages, copiedPages: totalPages, pageSize });
  return { pages: totalPages, pageSize };
}

/** `ok`, or the first problems `PRAGMA integrity_check` lists. Throws for a file that is no database. */
function integrityProblems(db: SQLite.Database): string[] {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const messages = rows.map((row) => row.integrity_check);
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages.slice(0, 5);
}

/** Opens `file` read-only and checks it is a sound chatshare database. */
function checkBackupFile(file: string): void {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError('not_a_database', `${file} cannot be opened as a SQLite database (${String(error)})`);
  }
  try {
    let problems: string[];
    let tables: string[];
    try {
      problems = integrityProblems(db);
      tables = db.prepare(`select name from sqlite_master where type = 'table'`).pluck().all() as string[];
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      if (code === 'SQLITE_CORRUPT') {
        throw new BackupError('integrity_check_failed', `${file} is damaged and cannot be checked (${message})`);
      }
      throw new BackupError('not_a_database', `${file} is not a SQLite database (${message})`);
    }
    if (problems.length > 0) {
      throw new BackupError('integrity_check_failed', `${file} failed the integrity check: ${problems.join('; ')}`);
    }
    if (!tables.includes('shares') || !tables.includes('kysely_migration')) {
      throw new BackupError('not_a_database', `${file} is a SQLite database, but not a chatshare one`);
    }
  } finally {
    db.close();
  }
}

/** Rows in the tables that hold what people made; 0 for a fresh (or only migrated) database. */
function storedRows(db: SQLite.Database): number {
  const tables = new Set(db.prepare(`select name from sqlite_master where type = 'table'`).pluck().all() as string[]);
  return ['users', 'conversations', 'shares']
    .filter((table) => tables.has(table))
    .reduce((sum, table) => sum + (db.prepare(`select count(*) from "${table}"`).pluck().get() as number), 0);
}

/**
 * Takes a consistent copy of the instance's SQLite database into `file`, while the server
 * runs. Refuses an existing `file` unless `force`; a failed backup leaves nothing behind.
 * @example await backupDatabase('/backups/chatshare-2026-06-01.sqlite', { onProgress })
 */
export async function backupDatabase(file: string, options: CopyOptions = {}, env: Env = process.env) {
  const config = configOf(env);
  if (config.databaseUrl) throw new BackupError('postgres', PG_BACKUP);
  const live = databaseFile(config.dataDir);
  const target = path.resolve(options.cwd ?? process.cwd(), file);
  if (!existsSync(live)) throw new BackupError('no_database', `there is no database at ${live} (DATA_DIR) to back up`);
  if (target === live) throw new BackupError('same_file', 'the backup cannot be the database itself');
  if (!existsSync(path.dirname(target))) {
    throw new BackupError('not_found', `the folder ${path.dirname(target)} does not exist`);
  }
  if (existsSync(target) && !options.force) {
    throw new BackupError('file_exists', `${target} exists already`);
  }
  const partial = `${target}.partial-${process.pid}`;
  const source = new SQLite(live, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    rmSync(partial, { force: true });
    const { pages, pageSize } = await copyDatabase(source, partial, options.onProgress);
    const copy = new SQLite(partial, { fileMustExist: true });
    try {
      // One self-contained file, whatever journal the live database keeps.
      copy.pragma('journal_mode = DELETE');
      const problems = integrityProblems(copy);
      if (problems.length > 0) {
        throw new BackupError('integrity_check_failed', `the copy failed the integrity check: ${problems.join('; ')}`);
      }
    } finally {
      copy.close();
    }
    renameSync(partial, target);
    return { file: target, bytes: pages * pageSize, pages } satisfies CopyResult;
  } finally {
    source.close();
    rmSync(partial, { force: true });
  }
}

/**
 * Makes the backup `file` the instance's database (DATA_DIR/chatshare.sqlite). Checks the file
 * first (integrity, a chatshare database), refuses while any process has the database open
 * (stop the server first) and, unless `force`, when the database holds accounts, conversations
 * or links. The server brings a restored database up to date at its next start.
 */
export async function restoreDatabase(file: string, options: CopyOptions = {}, env: Env = process.env) {
  const config = configOf(env);
  if (config.databaseUrl) throw new BackupError('postgres', PG_RESTORE);
  const source = path.resolve(options.cwd ?? process.cwd(), file);
  const live = databaseFile(config.dataDir);
  if (!existsSync(source) || !statSync(source).isFile()) throw new BackupError('not_found', `${source} does not exist`);
  if (source === live) throw new BackupError('same_file', 'the backup is the database itself');
  checkBackupFile(source);

  mkdirSync(config.dataDir, { recursive: true });
  if (existsSync(live)) {
    const current = new SQLite(live, { fileMustExist: true });
    try {
      // An exclusive lock is refused while any other connection, even an idle one, is open.
      current.pragma('busy_timeout = 0');
      current.pragma('locking_mode = EXCLUSIVE');
      try {
        current.exec('begin exclusive');
        current.exec('commit');
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        throw new BackupError('database_in_use', `${live} is in use: stop the server, then restore`);
      }
      const rows = storedRows(current);
      if (rows > 0 && !options.force) {
        throw new BackupError(
          'database_not_empty',
          `${live} holds data (${rows} accounts, conversations and links): pass --force to replace it`,
        );
      }
    } finally {
      current.close();
    }
  }

  const partial = `${live}.restoring-${process.pid}`;
  const backup = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    rmSync(partial, { force: true });
    const { pages, pageSize } = await copyDatabase(backup, partial, options.onProgress);
    // The old database's write-ahead log belongs to the old file: it must not meet the new one.
    for (const suffix of ['-wal', '-shm']) rmSync(`${live}${suffix}`, { force: true });
    renameSync(partial, live);
    return { file: live, bytes: pages * pageSize, pages } satisfies CopyResult;
  } finally {
    backup.close();
    rmSync(partial, { force: true });
  }
}
