/**
 * Two app instances on one database, in this process: what a deployment with two
 * `chatshare serve` behind a proxy is, without the processes. A is a test app (a fresh SQLite
 * file, or a fresh PostgreSQL schema); B is built on A's very configuration (same file or
 * schema, same session secret, same Redis and key prefix) and the same clock. Each has its
 * own memory: its own rendered pages, its own buffered views.
 */
import { randomBytes } from 'node:crypto';
import { buildApp } from '../../src/app.js';
import type { RateLimits } from '../../src/plugins/context.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

export interface TwoInstances {
  a: TestApp;
  b: TestApp;
  close(): Promise<void>;
}

export async function buildTwoInstances(rateLimits: Partial<RateLimits>): Promise<TwoInstances> {
  // One prefix for both, as two processes on one Redis share their counters.
  const redisKeyPrefix = `chatshare-test:${randomBytes(6).toString('hex')}:`;
  const viewFlushIntervalMs = 3_600_000;
  const a = await buildTestApp({}, { rateLimits, redisKeyPrefix, viewFlushIntervalMs });
  let bApp;
  try {
    bApp = await buildApp({
      config: a.config,
      now: a.clock.now,
      mailer: a.mailer,
      logger: false,
      rateLimits,
      redisKeyPrefix,
      viewFlushIntervalMs,
    });
  } catch (error) {
    await a.close();
    throw error;
  }
  const app = bApp;
  // B's close leaves the database alone: A's close removes it, after B is gone.
  const b: TestApp = { app, clock: a.clock, mailer: a.mailer, config: a.config, close: () => app.close() };
  return {
    a,
    b,
    async close() {
      try {
        await b.close();
      } finally {
        await a.close();
      }
    },
  };
}
