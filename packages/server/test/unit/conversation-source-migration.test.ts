/**
 * Migration 0006_conversation_source on a database with conversations stored before it: each
 * gets the counts of its shown branch and a fingerprint of its messages, so an import of the
 * same export afterwards recognises it. Runs on SQLite, or PostgreSQL with TEST_DATABASE_URL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import type { Message } from '@chatshare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/db/connect.js';
import { migrationProvider } from '../../src/db/migrations/index.js';
import { ConversationRepository, fingerprintOf } from '../../src/repositories/conversations.js';
import { TEST_DATABASE_URL } from '../helpers/app.js';

const messages: Message[] = [
  { id: 's', parentId: null, role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] },
  { id: 'u', parentId: 's', role: 'user', parts: [{ type: 'text', text: 'Hi' }] },
  { id: 'a1', parentId: 'u', role: 'assistant', parts: [{ type: 'text', text: 'Hello' }] },
  { id: 'a2', parentId: 'u', role: 'assistant', parts: [{ type: 'text', text: 'Hey' }] },
];
const tree = { messages, currentLeafId: 'a2', models: [] };

let handle: DatabaseHandle;
let dataDir: string;
const schema = TEST_DATABASE_URL ? `t_${randomBytes(6).toString('hex')}` : null;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-migration-'));
  handle = await openDatabase({ databaseUrl: TEST_DATABASE_URL, databaseSchema: schema, dataDir });
  const migrator = new Migrator({
    db: handle.db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateTo('0005_share_selection');
  if (error) throw error;
  const at = '2026-01-01T00:00:00.000Z';
  await sql`insert into users (id, email, password_hash, created_at, updated_at)
    values ('u1', 'old@example.com', 'x', ${at}, ${at})`.execute(handle.db);
  // As the previous version stored it: every message counted, no fingerprint.
  await sql`insert into conversations
    (id, owner_id, title, data, source_format, imported_at, message_count, created_at, updated_at)
    values ('c1', 'u1', 'Old', ${JSON.stringify(tree)}, 'openai', ${at}, 4, ${at}, ${at})`.execute(handle.db);
  await migrateToLatest(handle);
});

afterAll(async () => {
  if (schema) await sql.raw(`drop schema if exists "${schema}" cascade`).execute(handle.db);
  await handle.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('migration 0006_conversation_source', () => {
  it('counts the shown branch without system messages, and the branches', async () => {
    const row = await handle.db
      .selectFrom('conversations')
      .select(['message_count', 'branch_count', 'source_id'])
      .where('id', '=', 'c1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ message_count: 2, branch_count: 2, source_id: null });
  });

  it('fingerprints the stored messages, so an import of the same content finds them', async () => {
    const repo = new ConversationRepository(handle.db, () => new Date());
    const contentHash = fingerprintOf(tree);
    const found = await repo.findImported('u1', { format: 'openai', sourceId: null, contentHash });
    expect(found).toEqual([{ id: 'c1', contentHash, sourceId: null }]);
    // Another owner's import of the same content finds nothing.
    expect(await repo.findImported('u2', { format: 'openai', sourceId: null, contentHash })).toEqual([]);
  });
});
