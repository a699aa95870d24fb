/**
 * Creates a fresh SQLite database under `dataDir` (the app's own `openDatabase` and
 * migrations) and fills it with `count` shares of generated conversations, written straight
 * through better-sqlite3 in transactions of 1,000 shares. The search text of each listable
 * share is built by the app's `searchDocument()` and inserted into `share_search`, so the FTS5
 * index is built by the migration's own triggers, as `SearchIndex.sync` would build it.
 *
 * 95 % of shares are listable; of the rest, expired and used-up shares stay in the index (as
 * they do in the app: expiry and view limits change without a write, so the search filter
 * must drop them), while unlisted and revoked shares have no entry. Deterministic: one seed.
 */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { makeShortCode } from '@chatshare/core';
import { migrateToLatest, openDatabase } from '../../packages/server/src/db/connect.js';
import { searchDocument } from '../../packages/server/src/search/search-document.js';
import { conversationSnapshot, conversationTitle } from './conversation.js';
import { between, seeded, uuid, type Random } from './random.js';

/** The generated clock: shares were created over the two years before this instant. */
export const GENERATED_AT = Date.parse('2026-11-01T00:00:00.000Z');
const SPAN_MS = 2 * 365 * 24 * 3600 * 1000;
const BATCH = 1_000;
const SHARES_PER_USER = 50;

type Kind = 'listed' | 'expired' | 'used-up' | 'unlisted' | 'revoked';

function kindOf(random: Random): Kind {
  const roll = random();
  if (roll < 0.02) return 'expired';
  if (roll < 0.03) return 'used-up';
  if (roll < 0.04) return 'unlisted';
  if (roll < 0.05) return 'revoked';
  return 'listed';
}

/** Views fall off like popularity does: most shares have a few, a handful have thousands. */
const viewsOf = (random: Random) => Math.floor(2 / (random() + 0.0005) ** 1.2) - 2;

const iso = (ms: number) => new Date(ms).toISOString();

export async function generateExploreDatabase(
  dataDir: string,
  count: number,
  onProgress: (done: number) => void = () => {},
): Promise<{ indexed: number }> {
  const handle = await openDatabase({ dataDir, databaseUrl: null, databaseSchema: null });
  await migrateToLatest(handle);
  await handle.close();

  const file = new SQLite(path.join(dataDir, 'chatshare.sqlite'));
  // The data is thrown away if generation fails, so nothing needs to reach the disk early.
  file.pragma('synchronous = OFF');
  const insertUser = file.prepare(
    `insert into users (id, email, name, password_hash, email_verified_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertConversation = file.prepare(
    `insert into conversations (id, owner_id, title, data, source_format, imported_at, message_count, created_at, updated_at)
     values (?, ?, ?, ?, 'chatshare', ?, ?, ?, ?)`,
  );
  const insertShare = file.prepare(
    `insert into shares (id, code, conversation_id, owner_id, privacy, password_hash, allowed_emails, expires_at,
       max_views, revoked_at, revoked_by, snapshot, snapshot_version, snapshot_at, message_count, title,
       allow_indexing, allow_embed, show_author, view_count, last_viewed_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, null, '[]', ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
  );
  const insertSearch = file.prepare(
    `insert into share_search (share_id, title, body, excerpt, models, listed_at) values (?, ?, ?, ?, ?, ?)`,
  );

  const random = seeded(20261122);
  const users: string[] = [];
  const start = GENERATED_AT - SPAN_MS;
  let indexed = 0;
  const batch = file.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const created = start + Math.floor((n / count) * SPAN_MS);
      if (n % SHARES_PER_USER === 0) {
        const id = uuid(random);
        users.push(id);
        const name = random() < 0.7 ? `Reader ${users.length}` : null;
        insertUser.run(
          id,
          `reader${users.length}@example.com`,
          name,
          'not-a-password-hash',
          iso(created),
          iso(created),
          iso(created),
        );
      }
      const owner = users[between(random, 0, users.length - 1)]!;
      const title = conversationTitle(random);
      const snapshot = conversationSnapshot(random, title);
      const conversationId = uuid(random);
      const shareId = uuid(random);
      const at = iso(created);
      // Conversation rows are minimal: search reads only shares and their index entries.
      insertConversation.run(
        conversationId,
        owner,
        title,
        '{"messages":[],"currentLeafId":null,"models":[]}',
        at,
        snapshot.messages.length,
        at,
        at,
      );

      const kind = kindOf(random);
      const views = viewsOf(random);
      // Some listable shares carry limits that have not run out, so the filter checks them.
      const liveLimit = random();
      const expiresAt =
        kind === 'expired' ? iso(created + 7 * 24 * 3600 * 1000) : liveLimit < 0.03 ? '2030-01-01T00:00:00.000Z' : null;
      const maxViews = kind === 'used-up' ? views : liveLimit > 0.98 ? views + 1_000 : null;
      const revoked = kind === 'revoked' ? iso(created + 3600 * 1000) : null;
      insertShare.run(
        shareId,
        makeShortCode((size) => Uint8Array.from({ length: size }, () => Math.floor(random() * 256))),
        conversationId,
        owner,
        kind === 'unlisted' ? 'unlisted' : 'public',
        expiresAt,
        maxViews,
        revoked,
        revoked ? owner : null,
        JSON.stringify(snapshot),
        at,
        snapshot.messages.length,
        title,
        random() < 0.9 ? 1 : 0,
        random() < 0.5 ? 1 : 0,
        views,
        views > 0 ? at : null,
        at,
        at,
      );
      if (kind === 'unlisted' || kind === 'revoked') continue;
      const document = searchDocument(title, snapshot);
      insertSearch.run(shareId, document.title, document.body, document.excerpt, JSON.stringify(document.models), at);
      indexed += 1;
    }
  });
  for (let from = 0; from < count; from += BATCH) {
    batch(from, Math.min(count, from + BATCH));
    onProgress(Math.min(count, from + BATCH));
  }
  file.pragma('wal_checkpoint(TRUNCATE)');
  file.close();
  return { indexed };
}
