/**
 * A real chatshare server in its own Node process, for the share kit's jsdom tests: the
 * same build as packages/client/test/helpers/server.ts (buildApp, a fresh SQLite file or a
 * fresh PostgreSQL schema on TEST_DATABASE_URL, 127.0.0.1 on a free port), with the sign-up
 * and link-creation rate limits raised. It prints `{"baseUrl": …}` once listening and shuts
 * down (dropping its schema) when its stdin closes. A separate process because jsdom
 * replaces globals such as URL, which the server reads at import time. `CHATSHARE_TEST_ENV`
 * (JSON) adds environment settings, e.g. `{"ENABLE_OPEN_SHARING":"false"}`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, loadConfig, type BuildOptions } from '@chatshare/server';

const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-react-'));
const databaseUrl = process.env.TEST_DATABASE_URL ?? null;
const schema = databaseUrl ? `react_${randomBytes(6).toString('hex')}` : null;
const extra = JSON.parse(process.env.CHATSHARE_TEST_ENV ?? '{}') as Record<string, string>;
const config = loadConfig(
  {
    ...extra,
    DATA_DIR: dataDir,
    SESSION_SECRET: 'react-test-secret-react-test-secret-012345',
    LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(schema ? { DATABASE_SCHEMA: schema } : {}),
  },
  dataDir,
);
const mailer: NonNullable<BuildOptions['mailer']> = { send: async () => undefined, close: () => undefined };
const plenty = { max: 10_000, windowMs: 60_000 };
let app: Awaited<ReturnType<typeof buildApp>>;
let baseUrl: string;
try {
  app = await buildApp({ config, mailer, logger: false, rateLimits: { auth: plenty, shareCreate: plenty } });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
} catch (error) {
  // A server that cannot start still cleans up after itself; the test prints the error.
  await rm(dataDir, { recursive: true, force: true });
  throw error;
}
process.stdout.write(`${JSON.stringify({ baseUrl })}\n`);

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  if (schema) await app.db.schema.dropSchema(schema).ifExists().cascade().execute();
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
}
// The test process holds stdin open; when it ends (normally or not), so does this server.
process.stdin.on('end', () => void shutdown());
process.stdin.on('close', () => void shutdown());
process.stdin.resume();
process.on('SIGTERM', () => void shutdown());
