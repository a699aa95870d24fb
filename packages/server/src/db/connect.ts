/**
 * Opens the database: better-sqlite3 (a file under DATA_DIR, WAL) by default, PostgreSQL
 * when DATABASE_URL is set. Callers get one Kysely instance and a dialect name; the few
 * places that differ ask `dialect`, never the URL.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type pg from 'pg';
import type { Config } from '../env.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { CommittedReads } from './committed-reads.js';
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
  /**
   * SQLite only: reads on a second connection to the same file, read-only, for the share
   * page's one lookup (ShareRepository.findByCode). They answer synchronously instead of
   * queueing behind Kysely's one connection, see committed rows only (never a change that a
   * transaction under way on the main connection may still roll back), and keep rows until
   * the next commit (committed-reads.ts).
   */
  reader?: CommittedReads;
  close(): Promise<void>;
}

type DbConfig = Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dataDir'>;

/** Where the pool reports connections that PostgreSQL ended (a restart, a failover). */
export interface DbLog {
  warn(details: object, message: string): void;
}

/**
 * How long opening one PostgreSQL connection may take, and how long a request waits for one
 * while none is open (the database is down, starting or out of reach), before it is a 503
 * (see db/unavailable.ts).
 */
export const PG_CONNECT_TIMEOUT_MS = 3_000;

/**
 * How long a request waits for a pooled connection to come free while the pool has open ones:
 * a burst of requests queues behind the busy connections, an overload ends as a 503.
 */
export const PG_QUEUE_TIMEOUT_MS = 30_000;

/** Connections per process. */
const PG_POOL_MAX = 10;

export async function openDatabase(config: DbConfig, log?: DbLog): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.databaseSchema, log);
  mkdirSync(config.dataDir, { recursive: true });
  const filePath = path.join(config.dataDir, 'chatshare.sqlite');
  const file = new SQLite(filePath);
  file.pragma('journal_mode = WAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  file.pragma('synchronous = NORMAL');
  // Opened after the main connection set WAL mode, in which readers never block the writer.
  const reader = new SQLite(filePath, { readonly: true, fileMustExist: true });
  reader.pragma('busy_timeout = 5000');
  const reads = new CommittedReads(reader);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(file, { onWrite: () => reads.noteWrite() }) }),
    plugins: [new StripNulPlugin()],
  });
  const close = async () => {
    reader.close();
    await db.destroy();
  };
  return { db, dialect: 'sqlite', schema: null, reader: reads, close };
}

async function openPostgres(url: string, schema: string | null, log?: DbLog): Promise<DatabaseHandle> {
  // Loaded only here: an instance on SQLite never pays for the PostgreSQL driver at start-up.
  const { default: pg } = await import('pg');
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
    max: PG_POOL_MAX,
    // Bounds opening a connection, so a request during an outage is a quick 503 instead of a
    // hang. pg-pool also applies it to a request waiting in its queue; ConnectionQueue below
    // does the waiting instead, so that a burst waits for a free connection, not 3 s.
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    keepAlive: true,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const queue = new ConnectionQueue(pool, PG_POOL_MAX);
  // A connection PostgreSQL ends (restart, failover: 57P01) leaves the pool and the next query
  // opens a new one. Unlistened, its 'error' event would end the process: idle connections
  // report through the pool, and one in use fails its own query, which the request answers.
  pool.on('error', (error) => log?.warn({ err: error }, 'a PostgreSQL connection ended; the pool opens new ones'));
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: queue }), plugins: [new StripNulPlugin()] });
  const poolState = () => ({
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: queue.waitingCount + pool.waitingCount,
  });
  return { db, dialect: 'postgres', schema, poolState, close: () => db.destroy() };
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

/**
 * The queue in front of the pg pool (docs/decisions.md §Faults of PostgreSQL and Redis): at
 * most `max` requests hold or open a connection, the others wait here, first come first served.
 * A waiter waits up to PG_QUEUE_TIMEOUT_MS while the pool has an open connection (it will come
 * free), and only PG_CONNECT_TIMEOUT_MS while it has none (every slot is trying to open one: the
 * database is down, starting or out of reach). Either way it fails with pg-pool's own
 * "timeout exceeded when trying to connect", which is a 503. Since no more than `max` ask the
 * pool at once, the pool always has a free or idle connection for them and never queues.
 */
class ConnectionQueue {
  #free: number;
  readonly #waiters: Waiter[] = [];
  /** Connections that are open (idle or in use), as the pool reports them. */
  readonly #open = new Set<pg.PoolClient>();
  #ended = false;

  constructor(
    private readonly pool: pg.Pool,
    max: number,
  ) {
    this.#free = max;
    pool.on('connect', (client) => {
      this.#open.add(client);
      client.once('end', () => this.#open.delete(client));
    });
    pool.on('remove', (client) => this.#open.delete(client));
  }

  get waitingCount(): number {
    return this.#waiters.length;
  }

  async connect(): Promise<pg.PoolClient> {
    // After end() the pool refuses, with its own error.
    if (this.#ended) return this.pool.connect();
    await this.#turn();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      this.#pass();
      throw error;
    }
    // pg-pool gives the client a fresh `release` on every checkout; the turn passes on with it.
    const release = client.release.bind(client);
    client.release = (error?: Error | boolean) => {
      release(error);
      this.#pass();
    };
    return client;
  }

  async end(): Promise<void> {
    this.#ended = true;
    for (const waiter of this.#waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('Cannot use a pool after calling end on the pool'));
    }
    await this.pool.end();
  }

  /** Resolves when this request may take a connection. */
  #turn(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const since = Date.now();
      const waiter: Waiter = { resolve, reject };
      // Looked at again at least every PG_CONNECT_TIMEOUT_MS: when the open connections are
      // gone, a waiter that has waited that long fails at once.
      const check = () => {
        const waited = Date.now() - since;
        const limit = this.#open.size > 0 ? PG_QUEUE_TIMEOUT_MS : PG_CONNECT_TIMEOUT_MS;
        if (waited >= limit) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          reject(new Error('timeout exceeded when trying to connect'));
          return;
        }
        waiter.timer = setTimeout(check, Math.min(limit - waited, PG_CONNECT_TIMEOUT_MS));
        waiter.timer.unref();
      };
      this.#waiters.push(waiter);
      check();
    });
  }

  /** A connection came back (or could not be had): the next waiter takes the turn. */
  #pass(): void {
    const next = this.#waiters.shift();
    if (!next) {
      this.#free++;
      return;
    }
    clearTimeout(next.timer);
    next.resolve();
  }
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
