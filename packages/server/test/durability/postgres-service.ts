/**
 * A PostgreSQL for tests that run the server as a child process: TEST_DATABASE_URL when set,
 * else a throwaway server (test/helpers/services.ts); each caller gets its own schema.
 * `null` when neither is possible on this machine.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { HAS_POSTGRES, startPostgres } from '../helpers/services.js';

export interface PostgresForTest {
  env: { DATABASE_URL: string; DATABASE_SCHEMA: string };
  stop(): Promise<void>;
}

export async function postgresForTest(): Promise<PostgresForTest | null> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    return {
      env: { DATABASE_URL: external, DATABASE_SCHEMA: schema },
      async stop() {
        const client = new pg.Client({ connectionString: external });
        await client.connect();
        await client.query(`drop schema if exists "${schema}" cascade`);
        await client.end();
      },
    };
  }
  if (!HAS_POSTGRES) return null;
  const service = await startPostgres();
  return { env: { DATABASE_URL: service.url, DATABASE_SCHEMA: schema }, stop: () => service.close() };
}
