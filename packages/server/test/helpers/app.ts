/**
 * Builds a real app for a test: a fresh SQLite file in a temp folder, or, when
 * TEST_DATABASE_URL is set, a fresh schema on that PostgreSQL server (dropped afterwards).
 * TEST_REDIS_URL adds Redis. The clock is a value the test can move.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/app.js';
import type { Config } from '../../src/env.js';
import type { RateLimits } from '../../src/plugins/context.js';
import type { Mailer, MailMessage } from '../../src/mail/mailer.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null;
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || null;
export const DIALECT = TEST_DATABASE_URL ? 'postgres' : 'sqlite';

export interface TestClock {
  now(): Date;
  set(date: Date | string): void;
  advance(ms: number): void;
}

export function createClock(start = '2026-06-01T12:00:00.000Z'): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (date) => void (current = new Date(date).getTime()),
    advance: (ms) => void (current += ms),
  };
}

/** Keeps sent mail in memory; the SMTP path is tested separately with a real SMTP server. */
export function createMemoryMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, send: async (message) => void sent.push(message), close: () => undefined };
}

export interface TestApp {
  app: FastifyInstance;
  clock: TestClock;
  mailer: ReturnType<typeof createMemoryMailer>;
  config: Config;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Rate limits for this app; by default sign-in limits are raised so factories can sign up freely. */
  rateLimits?: Partial<RateLimits>;
  /** Redis key prefix; apps built with the same one share their counters (by default each app has its own). */
  redisKeyPrefix?: string;
  /** Where log lines go (the app logs at `config.logLevel`); without it the app does not log. */
  logStream?: { write(line: string): void };
  /** How often the app writes buffered views by itself; by default an hour, so tests flush when they mean to. */
  viewFlushIntervalMs?: number;
}

const TEST_RATE_LIMITS: Partial<RateLimits> = { auth: { max: 10_000, windowMs: 60_000 } };

export async function buildTestApp(overrides: Partial<Config> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-test-'));
  const schema = TEST_DATABASE_URL ? `t_${randomBytes(6).toString('hex')}` : null;
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://localhost:3000',
    dataDir,
    databaseUrl: TEST_DATABASE_URL,
    databaseSchema: schema,
    redisUrl: TEST_REDIS_URL,
    sessionSecret: 'test-secret-test-secret-test-secret-0123',
    smtpUrl: null,
    mailFrom: 'chatshare <no-reply@localhost>',
    enableSignup: true,
    enableOpenSharing: true,
    enableCommunitySharing: false,
    enableCopies: true,
    communityUrl: null,
    communityAllowedOrigins: [],
    corsOrigins: [],
    adminEmails: [],
    trustProxy: false,
    importMaxBytes: 1024 * 1024 * 1024,
    logLevel: 'silent',
    metricsToken: null,
    metricsPort: null,
    ...overrides,
  };
  const clock = createClock();
  const mailer = createMemoryMailer();
  const app = await buildApp({
    config,
    now: clock.now,
    mailer,
    ...(options.logStream ? { logStream: options.logStream } : { logger: false }),
    rateLimits: options.rateLimits ?? TEST_RATE_LIMITS,
    // Tests see buffered views before they are written and flush when they mean to: a write
    // every second would land in the middle of them. Real processes keep the 1 s interval.
    viewFlushIntervalMs: options.viewFlushIntervalMs ?? 3_600_000,
    // Test files run in parallel against one Redis: each app keeps its own counters.
    redisKeyPrefix: options.redisKeyPrefix ?? `chatshare-test:${randomBytes(6).toString('hex')}:`,
  });
  return {
    app,
    clock,
    mailer,
    config,
    async close() {
      // A test may ask for SQLite whatever the suite runs on: then there is no schema to drop.
      if (config.databaseUrl && config.databaseSchema) {
        await sql.raw(`drop schema if exists "${config.databaseSchema}" cascade`).execute(app.db);
      }
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
