/**
 * Opens the database: better-sqlite3 (a file under DATA_DIR, WAL) by default, PostgreSQL
 * when DATABASE_URL is set. Callers get one Kysely instance and a dialect name; the few
 * places that differ ask `dialect`, never the URL.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../env.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { withStatementCache } from './sqlite-statement-cache.js';
import { StripNulPlugin } from './strip-nul-plugin.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The PostgreSQL schema in use, when not the default. */
  schema: string | null;
  /** The PostgreSQL pool's connections and queue, for metrics; absent on SQLite. */
  poolState?: () => { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

type DbConfig = Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dataDir'>;

/** Where the pool reports connections that PostgreSQL ended (a restart, a failover). */
export interface DbLog {
  warn(details: object, message: string): void;
}

/** How long a request waits for a PostgreSQL connection before it is a 503 (see db/unavailable.ts). */
export const PG_CONNECT_TIMEOUT_MS = 3_000;

export async function openDatabase(config: DbConfig, log?: DbLog): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.databaseSchema, log);
  mkdirSync(config.dataDir, { recursive: true });
  const file = new SQLite(path.join(config.dataDir, 'chatshare.sqlite'));
  file.pragma('journal_mode = WAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  file.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(file) }),
    plugins: [new StripNulPlugin()],
  });
  return { db, dialect: 'sqlite', schema: null, close: () => db.destroy() };
}

async function openPostgres(url: string, schema: string | null, log?: DbLog): Promise<DatabaseHandle> {
  if (schema) {
    // Create the schema first with a plain client, then point every pooled connection at it.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`create schema if not exists "${schema}"`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Bounded, so a request during an outage is a quick 503 instead of a hang.
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    keepAlive: true,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A connection PostgreSQL ends (restart, failover: 57P01) leaves the pool and the next query
  // opens a new one. Unlistened, its 'error' event would end the process: idle connections
  // report through the pool, and one in use fails its own query, which the request answers.
  pool.on('error', (error) => log?.warn({ err: error }, 'a PostgreSQL connection ended; the pool opens new ones'));
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new StripNulPlugin()] });
  const poolState = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  return { db, dialect: 'postgres', schema, poolState, close: () => db.destroy() };
}

/** Applies every pending migration; throws with the failing migration's error. */
export async function migrateToLatest({ db, schema }: Pick<DatabaseHandle, 'db' | 'schema'>): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one is ours.
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  // A non-Error failure is reported as whatever it stringifies to.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** One cheap round trip, for /readyz. */
export async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
