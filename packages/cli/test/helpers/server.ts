/**
 * A real chatshare server for the CLI's tests, in the test process: a fresh SQLite file in a
 * temp folder, or a fresh schema on TEST_DATABASE_URL's PostgreSQL server (dropped
 * afterwards), with Redis when TEST_REDIS_URL is set. It listens on a free local port that is
 * also its PUBLIC_URL, so the links the CLI prints can be opened as they are.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, loadConfig, type BuildOptions } from '@chatshare/server';
import { clientFor, sessionClient } from '../../src/connection.js';
import { freePort } from '../../../../scripts/free-port.js';

type App = Awaited<ReturnType<typeof buildApp>>;

export interface TestServer {
  url: string;
  app: App;
  close(): Promise<void>;
}

export interface TestAccount {
  email: string;
  password: string;
  token: string;
  client: ReturnType<typeof clientFor>;
}

/** The CLI's tests sign up and share freely; the limits themselves are the server's tests' job. */
const RATE_LIMITS: BuildOptions['rateLimits'] = {
  auth: { max: 10_000, windowMs: 60_000 },
  shareCreate: { max: 10_000, windowMs: 60_000 },
};

export async function startServer(): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-cli-'));
  const databaseUrl = process.env.TEST_DATABASE_URL || null;
  const redisUrl = process.env.TEST_REDIS_URL || null;
  // Test files run in parallel against one PostgreSQL server; each gets its own schema.
  const schema = databaseUrl ? `cli_${randomBytes(6).toString('hex')}` : null;
  // The port is chosen before the app is built because PUBLIC_URL must name it. Another
  // process may take it in between, so a clash is retried with a new one.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // An explicit environment, so the developer's own variables (PORT, DATABASE_URL…) stay out.
    const config = loadConfig(
      {
        DATA_DIR: dataDir,
        PUBLIC_URL: url,
        SESSION_SECRET: 'cli-test-secret-cli-test-secret-cli-0123',
        LOG_LEVEL: 'silent',
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        ...(schema ? { DATABASE_SCHEMA: schema } : {}),
        ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      },
      dataDir,
    );
    const app = await buildApp({
      config,
      logger: false,
      mailer: { send: async () => undefined, close: () => undefined },
      rateLimits: RATE_LIMITS,
      redisKeyPrefix: `chatshare-cli-test:${randomBytes(6).toString('hex')}:`,
    });
    try {
      await app.listen({ port, host: '127.0.0.1' });
    } catch (error) {
      await app.close();
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && attempt < 5) continue;
      throw error;
    }
    return {
      url,
      app,
      async close() {
        if (schema) await app.db.schema.dropSchema(schema).ifExists().cascade().execute();
        await app.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
}

let accounts = 0;

/** A new account with an API token, made through the API as any client would. */
export async function createAccount(server: TestServer): Promise<TestAccount> {
  const email = `cli-${process.pid}-${++accounts}-${randomBytes(3).toString('hex')}@example.com`;
  const password = 'a long enough password';
  const session = sessionClient(server.url);
  await session.auth.signup({ email, password });
  const { token } = await session.tokens.create({ name: 'cli tests' });
  return { email, password, token, client: clientFor(server.url, token) };
}
