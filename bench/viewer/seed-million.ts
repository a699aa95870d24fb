/**
 * A SQLite database with `count` live shares, for timing the share page against the size of
 * the `shares` table (bench/viewer/million.ts). Generated once and kept under the system's
 * temp folder, keyed by size, this generator's version and the app's latest migration, so a
 * later run reuses it and a schema change makes a fresh one (built by the new migrations).
 *
 * The schema is the app's own: `openDatabase` + `migrateToLatest` first, then rows are written
 * straight through better-sqlite3 prepared statements in large transactions (the API would
 * take hours for a million). Only the tables the page path reads are filled, by name and only
 * with columns that have no default, so tables or columns added later (e.g. `share_pages`) do
 * not break it: users (one per 50 shares), conversations (one tiny row per share, as the "one
 * live share per conversation" index requires) and shares. Snapshots are drawn from a small set
 * of generated conversations (bench/explore/conversation.ts), each stored in full in its row.
 *
 * `PICKS` shares spread evenly over the insertion order (so over the whole rowid range) are the
 * ones measured; they get the same title, snapshot and settings in every database size, so their
 * pages are the same bytes (but for the code) on a thousand shares as on a million.
 * Usage, to generate ahead: node --conditions=@chatshare/source --import tsx bench/viewer/seed-million.ts [count]
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { makeShortCode, type Snapshot } from '@chatshare/core';
import { migrateToLatest, openDatabase } from '../../packages/server/src/db/connect.js';
import { migrationProvider } from '../../packages/server/src/db/migrations/index.js';
import { conversationSnapshot, conversationTitle } from '../explore/conversation.js';
import { seeded, uuid } from '../explore/random.js';

// Bump when what is generated changes, so a kept database of the old shape is not reused.
const GENERATOR_VERSION = 1;
const PREFIX = 'chatshare-bench-viewer-shares-';
const PICKS = 16;
const SNAPSHOTS = 64;
const BATCH = 10_000;
const SHARES_PER_USER = 50;
const START = Date.parse('2025-01-01T00:00:00.000Z');
const SPAN_MS = 600 * 24 * 3600 * 1000;

export interface SharesDatabase {
  dataDir: string;
  count: number;
  /** The measured shares: position in insertion order and code. */
  picks: { position: number; code: string }[];
}

/** Positions of the measured shares: the first, the last and evenly between. */
const pickPositions = (count: number) =>
  Array.from({ length: Math.min(PICKS, count) }, (_, i) => Math.round((i * (count - 1)) / Math.max(1, PICKS - 1)));

async function latestMigration(): Promise<string> {
  return Object.keys(await migrationProvider.getMigrations())
    .sort()
    .at(-1)!;
}

/** The kept database of `count` shares, generated first when there is none for this schema. */
export async function sharesDatabase(
  count: number,
  log: (line: string) => void = console.log,
): Promise<SharesDatabase> {
  const schema = await latestMigration();
  const dataDir = path.join(tmpdir(), `${PREFIX}v${GENERATOR_VERSION}-${schema}-${count}`);
  const ready = path.join(dataDir, 'picks.json');
  if (existsSync(ready)) {
    log(`reusing ${count.toLocaleString('en')} shares in ${dataDir}`);
    return { dataDir, count, picks: JSON.parse(await readFile(ready, 'utf8')) as SharesDatabase['picks'] };
  }
  // A database of this size for an older schema or generator is never used again: it goes
  // (a million shares take about 5 GB).
  for (const name of await readdir(tmpdir())) {
    if (name.startsWith(PREFIX) && name.endsWith(`-${count}`) && name !== path.basename(dataDir)) {
      log(`removing the outdated ${name}`);
      await rm(path.join(tmpdir(), name), { recursive: true, force: true });
    }
  }
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  log(`generating ${count.toLocaleString('en')} shares into ${dataDir} (schema ${schema})…`);
  const picks = await generate(dataDir, count, log);
  // Written last: a database whose generation was interrupted is never reused.
  await writeFile(ready, JSON.stringify(picks));
  return { dataDir, count, picks };
}

async function generate(dataDir: string, count: number, log: (line: string) => void) {
  const handle = await openDatabase({ dataDir, databaseUrl: null, databaseSchema: null });
  await migrateToLatest(handle);
  await handle.close();

  const file = new SQLite(path.join(dataDir, 'chatshare.sqlite'));
  // Thrown away if generation fails, so nothing needs to reach the disk early; a large page
  // cache keeps the random-order indexes (id, code) in memory while they are built.
  file.pragma('synchronous = OFF');
  file.pragma('cache_size = -262144');
  const insertUser = file.prepare(
    `insert into users (id, email, name, password_hash, email_verified_at, created_at, updated_at)
     values (?, ?, ?, 'not-a-password-hash', ?, ?, ?)`,
  );
  const insertConversation = file.prepare(
    `insert into conversations (id, owner_id, title, data, source_format, imported_at, message_count, created_at, updated_at)
     values (?, ?, ?, '{"messages":[],"currentLeafId":null,"models":[]}', 'chatshare', ?, ?, ?, ?)`,
  );
  const insertShare = file.prepare(
    `insert into shares (id, code, conversation_id, owner_id, privacy, allowed_emails, snapshot, snapshot_version,
       snapshot_at, message_count, title, allow_indexing, allow_embed, show_author, view_count, last_viewed_at,
       created_at, updated_at)
     values (?, ?, ?, ?, 'unlisted', '[]', ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  // The snapshot set, and the measured shares' content, depend on the seed alone (not on count).
  const contentRandom = seeded(20261202);
  const snapshots = Array.from({ length: SNAPSHOTS }, () => {
    const title = conversationTitle(contentRandom);
    const snapshot: Snapshot = conversationSnapshot(contentRandom, title);
    return { title, json: JSON.stringify(snapshot), messages: snapshot.messages.length };
  });
  const positions = new Map(pickPositions(count).map((position, index) => [position, index]));
  const picks: SharesDatabase['picks'] = [];
  const random = seeded(count);
  const code = () => makeShortCode((size) => Uint8Array.from({ length: size }, () => Math.floor(random() * 256)));
  let owner = '';
  let users = 0;

  const batch = file.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const at = new Date(START + Math.floor((n / count) * SPAN_MS)).toISOString();
      if (n % SHARES_PER_USER === 0) {
        owner = uuid(random);
        users += 1;
        insertUser.run(owner, `reader${users}@example.com`, `Reader ${users}`, at, at, at);
      }
      const pick = positions.get(n);
      const content = snapshots[pick ?? Math.floor(random() * SNAPSHOTS)]!;
      const conversationId = uuid(random);
      insertConversation.run(conversationId, owner, content.title, at, content.messages, at, at);
      const shareCode = code();
      if (pick !== undefined) picks.push({ position: n, code: shareCode });
      // Measured shares: no author line, no embed, no indexing, never viewed (the same everywhere).
      const views = pick === undefined ? Math.floor(random() * 50) : 0;
      insertShare.run(
        uuid(random),
        shareCode,
        conversationId,
        owner,
        content.json,
        at,
        content.messages,
        content.title,
        pick === undefined && random() < 0.5 ? 1 : 0,
        pick === undefined && random() < 0.5 ? 1 : 0,
        pick === undefined && random() < 0.3 ? 1 : 0,
        views,
        views > 0 ? at : null,
        at,
        at,
      );
    }
  });

  const started = performance.now();
  const every = Math.max(BATCH, Math.floor(count / 20 / BATCH) * BATCH);
  for (let from = 0; from < count; from += BATCH) {
    const to = Math.min(count, from + BATCH);
    batch(from, to);
    if (to % every === 0 || to === count) {
      const seconds = (performance.now() - started) / 1000;
      log(`  ${to.toLocaleString('en')} shares, ${Math.round(to / seconds).toLocaleString('en')}/s`);
    }
  }
  // No ANALYZE: the app never runs it, so the planner sees what it sees in production.
  log('  checkpointing…');
  file.pragma('wal_checkpoint(TRUNCATE)');
  file.close();
  log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return picks.sort((a, b) => a.position - b.position);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { dataDir, picks } = await sharesDatabase(Number(process.argv[2] ?? 1_000_000));
  console.log(`${dataDir}: ${picks.length} measured shares, e.g. /s/${picks[0]!.code}`);
}
