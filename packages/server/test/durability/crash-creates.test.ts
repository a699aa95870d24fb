/**
 * `kill -9` in the middle of 200 concurrent share creates: every link the server
 * acknowledged (2xx) opens after a restart, and the SQLite file is intact. Run on SQLite and
 * on PostgreSQL (TEST_DATABASE_URL, or a throwaway cluster when this machine has one).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresForTest, type PostgresForTest } from './postgres-service.js';
import {
  client,
  conversation,
  killHard,
  signUpOver,
  startServer,
  waitFor,
  type Client,
  type ServerProcess,
} from './server-process.js';

const CREATES = 200;
/** Share creation is limited per user (60 a minute): 50 links each from four owners. */
const OWNERS = 4;

const servers: ServerProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
  for (const cleanup of cleanups) await cleanup();
});

async function conversationsFor(owner: Client, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, (_, j) =>
        owner.request('POST', '/api/v1/conversations', conversation(`Conversation ${i + j}`)),
      ),
    );
    for (const created of batch) {
      expect(created.status).toBe(201);
      ids.push(created.body.id as string);
    }
  }
  return ids;
}

/** Boots, starts CREATES share creates at once, kills the server when some are answered; returns the acknowledged codes. */
async function createsCutShort(env: Record<string, string>): Promise<string[]> {
  const server = await startServer(env);
  servers.push(server);
  const work: { owner: Client; conversationId: string }[] = [];
  for (let i = 0; i < OWNERS; i++) {
    const owner = await signUpOver(server.base);
    for (const conversationId of await conversationsFor(owner, CREATES / OWNERS)) work.push({ owner, conversationId });
  }
  const acknowledged: string[] = [];
  let answered = 0;
  const creates = work.map(({ owner, conversationId }) =>
    owner.request('POST', '/api/v1/shares', { conversationId, privacy: 'unlisted' }).then(
      (response) => {
        answered += 1;
        if (response.status === 200 || response.status === 201) acknowledged.push(response.body.shortCode as string);
      },
      () => undefined, // cut off by the kill: not acknowledged, so nothing is promised
    ),
  );
  await waitFor(() => answered >= CREATES / 4, 20_000, 'a quarter of the creates to be answered');
  await killHard(server);
  await Promise.all(creates);
  expect(acknowledged.length).toBeGreaterThan(0);
  // The kill landed mid-way: some creates were never answered.
  expect(answered).toBeLessThan(CREATES);
  return acknowledged;
}

async function expectAllOpen(env: Record<string, string>, codes: string[]) {
  const server = await startServer(env);
  servers.push(server);
  const anonymous = client(server.base);
  for (let i = 0; i < codes.length; i += 20) {
    const opened = await Promise.all(
      codes.slice(i, i + 20).map((code) => anonymous.request('GET', `/api/v1/shared/${code}`)),
    );
    for (const response of opened) expect(response.status).toBe(200);
  }
  server.child.kill('SIGTERM');
  expect((await server.exited).code).toBe(0);
}

describe('kill -9 during concurrent share creates', () => {
  it('keeps every acknowledged link on SQLite, and the file passes integrity_check', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-crash-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { DATA_DIR: dataDir };
    const codes = await createsCutShort(env);
    // Checked as the crash left it (the open replays the WAL), before the server touches it again.
    const file = new SQLite(path.join(dataDir, 'chatshare.sqlite'));
    expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = file.prepare('select count(*) as n from shares where code in (select value from json_each(?))');
    expect((stored.get(JSON.stringify(codes)) as { n: number }).n).toBe(codes.length);
    file.close();
    await expectAllOpen(env, codes);
  }, 55_000);

  it('keeps every acknowledged link on PostgreSQL', async (context) => {
    const postgres: PostgresForTest | null = await postgresForTest();
    if (!postgres) {
      if (process.env.CI === 'true') throw new Error('PostgreSQL is needed in CI (TEST_DATABASE_URL or PostgreSQL 15)');
      return context.skip('no PostgreSQL here (set TEST_DATABASE_URL)');
    }
    cleanups.push(() => postgres.stop());
    const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-crash-pg-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { DATA_DIR: dataDir, ...postgres.env };
    const codes = await createsCutShort(env);
    await expectAllOpen(env, codes);
  }, 55_000);
});
