/**
 * ShareRepository takes and returns domain objects: what goes in through `create` and `update`
 * comes back from `findById` as it was given, with the repository's own bookkeeping (times,
 * snapshot versions) on top. Runs on a SQLite file, or PostgreSQL with TEST_DATABASE_URL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Snapshot } from '@chatshare/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/db/connect.js';
import { ShareRepository, type NewShare } from '../../src/repositories/shares.js';
import { createClock, TEST_DATABASE_URL } from '../helpers/app.js';

let handle: DatabaseHandle;
let dataDir: string;
let shares: ShareRepository;
const clock = createClock('2026-03-01T10:00:00.000Z');
const schema = TEST_DATABASE_URL ? `t_${randomBytes(6).toString('hex')}` : null;

const snapshot = (title: string, texts: string[]): Snapshot => ({
  format: 1,
  title,
  models: ['gpt-4o'],
  messages: texts.map((text, index) => ({
    id: `m${index + 1}`,
    parentId: index === 0 ? null : `m${index}`,
    role: index % 2 === 0 ? 'user' : 'assistant',
    parts: [{ type: 'text', text }],
  })),
});

const newShare = (id: string, code: string): NewShare => ({
  id,
  code,
  conversationId: 'c1',
  ownerId: 'u1',
  privacy: 'unlisted',
  passwordHash: null,
  passwordVersion: 0,
  allowedEmails: [],
  expiresAt: null,
  maxViews: null,
  title: 'Trip notes',
  allowIndexing: false,
  allowEmbed: true,
  showAuthor: false,
  snapshot: snapshot('Trip notes', ['Where to?', 'Lisbon.']),
  selection: { leafMessageId: null, start: 0, end: null },
  redact: false,
});

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-share-repo-'));
  handle = await openDatabase({ databaseUrl: TEST_DATABASE_URL, databaseSchema: schema, dataDir });
  await migrateToLatest(handle);
  const at = '2026-01-01T00:00:00.000Z';
  await sql`insert into users (id, email, password_hash, created_at, updated_at)
    values ('u1', 'owner@example.com', 'x', ${at}, ${at})`.execute(handle.db);
  await sql`insert into conversations
    (id, owner_id, title, data, source_format, imported_at, message_count, created_at, updated_at)
    values ('c1', 'u1', 'Trip notes', '{}', 'chatshare', ${at}, 2, ${at}, ${at})`.execute(handle.db);
  shares = new ShareRepository(handle.db, clock.now);
});

afterAll(async () => {
  if (schema) await sql.raw(`drop schema if exists "${schema}" cascade`).execute(handle.db);
  await handle.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('ShareRepository', () => {
  it('creates a live share that reads back as it was given, its snapshot the first version', async () => {
    const given = newShare('s1', 'AAAAAAAAAAAA');
    await shares.create(given);
    const { snapshot: stored, ...rest } = given;
    expect(await shares.findById('s1')).toMatchObject({
      ...rest,
      hasPassword: false,
      viewCount: 0,
      revokedAt: null,
      revokedBy: null,
      takenDownAt: null,
      takedownReason: null,
      snapshotVersion: 1,
      snapshotAt: clock.now().toISOString(),
      messageCount: 2,
      lastViewedAt: null,
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
    });
    expect(await shares.snapshot('s1')).toEqual(stored);
  });

  it('changes only the settings given, and stamps the change', async () => {
    clock.advance(60_000);
    const expiresAt = new Date('2026-04-01T00:00:00.000Z');
    await shares.update('s1', {
      privacy: 'private',
      passwordHash: 'scrypt$hash',
      passwordVersion: 1,
      allowedEmails: ['friend@example.com'],
      expiresAt,
      maxViews: 3,
      allowIndexing: true,
      showAuthor: true,
    });
    const share = await shares.findById('s1');
    expect(share).toMatchObject({
      privacy: 'private',
      hasPassword: true,
      passwordHash: 'scrypt$hash',
      passwordVersion: 1,
      allowedEmails: ['friend@example.com'],
      expiresAt,
      maxViews: 3,
      allowIndexing: true,
      allowEmbed: true,
      showAuthor: true,
      title: 'Trip notes',
      snapshotVersion: 1,
      updatedAt: clock.now().toISOString(),
    });
    expect(share!.snapshotAt).not.toBe(clock.now().toISOString());
  });

  it('clears settings set to null', async () => {
    await shares.update('s1', { passwordHash: null, expiresAt: null, maxViews: null });
    expect(await shares.findById('s1')).toMatchObject({ hasPassword: false, expiresAt: null, maxViews: null });
  });

  it('stores a new snapshot as the next version, taken now', async () => {
    clock.advance(60_000);
    const next = snapshot('Trip notes', ['Where to?', 'Lisbon.', 'And then?']);
    await shares.update('s1', {
      snapshot: next,
      selection: { leafMessageId: 'leaf', start: 1, end: 3 },
      redact: true,
    });
    expect(await shares.findById('s1')).toMatchObject({
      snapshotVersion: 2,
      snapshotAt: clock.now().toISOString(),
      messageCount: 3,
      selection: { leafMessageId: 'leaf', start: 1, end: 3 },
      redact: true,
    });
    expect(await shares.snapshot('s1')).toEqual(next);
  });

  it('takes a share down and restores it', async () => {
    const at = new Date('2026-03-02T00:00:00.000Z');
    await handle.db
      .transaction()
      .execute((trx) => shares.takeDown('s1', { at, reason: 'Personal data', by: 'u1' }, trx));
    expect(await shares.findById('s1')).toMatchObject({ takenDownAt: at, takedownReason: 'Personal data' });
    await shares.restore('s1');
    expect(await shares.findById('s1')).toMatchObject({ takenDownAt: null, takedownReason: null });
  });
});
