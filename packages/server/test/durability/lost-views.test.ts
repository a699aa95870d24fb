/**
 * Views are counted in memory and written in batches, so a crash loses the views since the
 * last write: at most those of the last second (the documented bound, README and
 * docs/decisions.md), whatever the flush interval is set to.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { client, createShareOver, killHard, signUpOver, startServer, type ServerProcess } from './server-process.js';

/** The documented bound on views a crash may lose: those of the last second. */
const BOUND_MS = 1_000;

const servers: ServerProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function view(base: string, code: string, times: number) {
  const anonymous = client(base);
  for (let i = 0; i < times; i += 20) {
    const batch = Array.from({ length: Math.min(20, times - i) }, () =>
      anonymous.request('GET', `/api/v1/shared/${code}`),
    );
    for (const response of await Promise.all(batch)) expect(response.status).toBe(200);
  }
}

it('keeps every view older than one second through a kill -9', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-views-'));
  dirs.push(dataDir);
  const first = await startServer({ DATA_DIR: dataDir });
  servers.push(first);
  const owner = await signUpOver(first.base);
  const share = await createShareOver(owner);

  const settled = 300;
  await view(first.base, share.code, settled);
  // Just over one interval: a flush has run since the last of these views. This wait is the
  // bound under test, so it is a fixed time, not a poll.
  await new Promise((resolve) => setTimeout(resolve, BOUND_MS + 500));
  // Views of the last moment, which the crash may take with it.
  const recent = 40;
  await view(first.base, share.code, recent);
  await killHard(first);

  const second = await startServer({ DATA_DIR: dataDir });
  servers.push(second);
  const stored = await client(second.base, owner.token).request('GET', `/api/v1/shares/${share.id}`);
  expect(stored.status).toBe(200);
  expect(stored.body.settings.viewCount).toBeGreaterThanOrEqual(settled);
  expect(stored.body.settings.viewCount).toBeLessThanOrEqual(settled + recent);
  second.child.kill('SIGTERM');
  expect((await second.exited).code).toBe(0);
}, 45_000);
