/**
 * A full disk: writes answer `507 storage_full`, reads keep working (token-authenticated ones
 * too), the log carries SQLite's own error, and writes work again once space returns, without
 * a restart. The SQLite file lives on a small tmpfs that the test fills up.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/env.js';
import { isStorageFull } from '../../src/db/storage-full.js';
import { call, createConversation, createShare, signUp, type TestUser } from '../helpers/api.js';
import { createClock } from '../helpers/app.js';

const root = await mkdtemp(path.join(tmpdir(), 'chatshare-full-'));
const mountPoint = path.join(root, 'disk');
const filler = path.join(mountPoint, 'filler');
let mounted = false;
try {
  execFileSync('mkdir', ['-p', mountPoint]);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint], { stdio: 'ignore' });
  mounted = true;
} catch {
  if (process.env.CI === 'true') throw new Error('the full-disk test needs to mount a tmpfs (run as root)');
}

let app: FastifyInstance;
let owner: TestUser;
let code: string;
let limitedCode: string;
const logs: string[] = [];
const clock = createClock();

/** Writes until the file system refuses: nothing is left for SQLite. */
function fillDisk() {
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  try {
    for (;;) writeSync(fd, chunk, 0, 512);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

const logged = () => logs.join('');

const bigConversation = (title: string) => ({
  title,
  messages: [{ id: 'u-1', parentId: null, role: 'user', parts: [{ type: 'text', text: 'x'.repeat(200_000) }] }],
  currentLeafId: 'u-1',
});

describe.skipIf(!mounted)('a full disk (SQLite on a tmpfs)', () => {
  beforeAll(async () => {
    const config = loadConfig(
      { DATA_DIR: mountPoint, SESSION_SECRET: 'test-secret-test-secret-test-secret-0123', LOG_LEVEL: 'info' },
      root,
    );
    app = await buildApp({
      config,
      now: clock.now,
      logStream: { write: (line) => void logs.push(line) },
      rateLimits: { auth: { max: 10_000, windowMs: 60_000 } },
    });
    owner = await signUp(app);
    const conversation = await createConversation(app, owner);
    code = (await createShare(app, owner, { conversationId: conversation.id, privacy: 'unlisted' })).shortCode;
    const other = await createConversation(app, owner);
    limitedCode = (await createShare(app, owner, { conversationId: other.id, privacy: 'unlisted', maxViews: 5 }))
      .shortCode;
    // Give the WAL's pages back to the file system, so the filler takes every free byte.
    const side = new SQLite(path.join(mountPoint, 'chatshare.sqlite'));
    side.pragma('wal_checkpoint(TRUNCATE)');
    side.close();
    fillDisk();
    // Past the minute after which an API token's "last used" is written again.
    clock.advance(5 * 60_000);
  });

  afterAll(async () => {
    await app?.close();
    execFileSync('umount', [mountPoint]);
    await rm(root, { recursive: true, force: true });
  });

  it('answers 507 storage_full to writes and logs the database error itself', async () => {
    logs.length = 0;
    const created = await call(app, 'POST', '/api/v1/conversations', {
      auth: owner.bearer,
      body: bigConversation('No room'),
    });
    expect(created.statusCode).toBe(507);
    expect(created.json().error.code).toBe('storage_full');
    // A write inside a transaction (a view of a view-limited link).
    const revealed = await call(app, 'POST', `/api/v1/shared/${limitedCode}/reveal`);
    expect(revealed.statusCode).toBe(507);
    expect(revealed.json().error.code).toBe('storage_full');
    expect(logged()).toMatch(/SQLITE_FULL|database or disk is full/);
    expect(logged()).not.toContain('cannot rollback');
  });

  it('keeps reads working, by API token too', async () => {
    logs.length = 0;
    const mine = await call(app, 'GET', '/api/v1/conversations', { auth: owner.bearer });
    expect(mine.statusCode).toBe(200);
    expect((await call(app, 'GET', `/api/v1/shared/${code}`, { auth: owner.bearer })).statusCode).toBe(200);
    expect((await call(app, 'GET', `/api/v1/shared/${code}`)).statusCode).toBe(200);
    expect((await call(app, 'GET', `/s/${code}`)).statusCode).toBe(200);
    // The token's "last used" could not be written: said in the log, not fatal.
    expect(logged()).toMatch(/last use of an API token/);
  });

  it('writes again once space returns, without a restart', async () => {
    await rm(filler);
    const created = await call(app, 'POST', '/api/v1/conversations', {
      auth: owner.bearer,
      body: bigConversation('Room again'),
    });
    expect(created.statusCode).toBe(201);
    expect((await call(app, 'POST', `/api/v1/shared/${limitedCode}/reveal`)).statusCode).toBe(200);
    clock.advance(5 * 60_000);
    expect((await call(app, 'GET', '/api/v1/conversations', { auth: owner.bearer })).statusCode).toBe(200);
  });
});

describe('isStorageFull', () => {
  it('knows SQLite and PostgreSQL disk-full errors and nothing else', () => {
    expect(isStorageFull(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).toBe(true);
    expect(isStorageFull(Object.assign(new Error('could not extend file'), { code: '53100' }))).toBe(true);
    expect(isStorageFull(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }))).toBe(true);
    expect(isStorageFull(Object.assign(new Error('unique'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(false);
    expect(isStorageFull(Object.assign(new Error('too many connections'), { code: '53300' }))).toBe(false);
    expect(isStorageFull(new Error('database or disk is full'))).toBe(false);
    expect(isStorageFull(null)).toBe(false);
  });
});
