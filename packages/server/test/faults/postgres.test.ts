/**
 * PostgreSQL going away under a running server (docs/design.md §Security, "dependencies fail
 * soft"): the process keeps running, requests during the outage are 503 with Retry-After, /readyz says
 * not ready, and service is back to normal within seconds of PostgreSQL, without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_POSTGRES, shouldRun, startPostgres, type PostgresService } from '../helpers/services.js';
import { createConversation, seedShare, startServerProcess, type ServerProcess } from './server-process.js';

interface Answer {
  kind: 'page' | 'create' | 'ready';
  startedAt: number;
  status: number;
  retryAfter: string | null;
  contentType: string;
  code: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!shouldRun(HAS_POSTGRES))('PostgreSQL restarts and outages', () => {
  let pg: PostgresService;
  let server: ServerProcess;
  let token: string;
  let code: string;

  beforeAll(async () => {
    pg = await startPostgres();
    server = await startServerProcess({ DATABASE_URL: pg.url });
    ({ token, code } = await seedShare(server.base));
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await pg?.close();
  }, 30_000);

  async function ask(kind: Answer['kind']): Promise<Answer> {
    const startedAt = Date.now();
    const response =
      kind === 'create'
        ? await createConversation(server.base, token)
        : await fetch(`${server.base}${kind === 'page' ? `/s/${code}` : '/readyz'}`, {
            headers: { accept: kind === 'page' ? 'text/html' : 'application/json' },
          });
    const contentType = response.headers.get('content-type') ?? '';
    const text = await response.text();
    const body = contentType.includes('json') ? (JSON.parse(text) as { error?: { code?: string } }) : null;
    return {
      kind,
      startedAt,
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      contentType,
      code: body?.error?.code ?? null,
    };
  }

  const readyStatus = () =>
    ask('ready').then(
      (answer) => answer.status,
      (error: unknown) => {
        throw new Error(
          `the server does not answer (exit code ${server.exitCode()}): ${String(error)}\n${server.output()}`,
        );
      },
    );

  it('rides through `pg_ctl restart -m fast` under load: only 503s with Retry-After while it restarts, none after', async () => {
    const answers: Answer[] = [];
    const failures: string[] = [];
    let running = true;
    const client = async (kind: Answer['kind']) => {
      while (running) {
        try {
          answers.push(await ask(kind));
        } catch (error) {
          // A refused or reset connection to our server means the process is gone.
          failures.push(`${kind}: ${String(error)}`);
          await sleep(20);
        }
        if (kind === 'ready') await sleep(20);
      }
    };
    const clients = [client('page'), client('page'), client('page'), client('create'), client('ready')];
    await until('load to be served', async () =>
      answers.filter((a) => a.status < 300).length >= 100 ? true : undefined,
    );

    await pg.restart();
    const readyAt = await until('/readyz to be 200 again', async () =>
      (await readyStatus()) === 200 ? Date.now() : undefined,
    );
    // A little more load after the return, counted by answers rather than by time.
    const served = answers.length;
    await until('load after the return', async () => (answers.length >= served + 150 ? true : undefined));
    running = false;
    await Promise.all(clients);

    expect(failures).toEqual([]);
    expect(server.exitCode()).toBeNull();
    // The restart did reach the requests (otherwise this test would prove nothing).
    expect(answers.some((answer) => answer.status === 503 && answer.kind !== 'ready')).toBe(true);
    for (const answer of answers) {
      expect([200, 201, 503], JSON.stringify(answer)).toContain(answer.status);
      if (answer.status !== 503) continue;
      expect(Number(answer.retryAfter), JSON.stringify(answer)).toBeGreaterThan(0);
      if (answer.kind === 'page') expect(answer.contentType).toContain('text/html');
      else expect(answer.code).toBe(answer.kind === 'ready' ? 'not_ready' : 'database_unavailable');
    }
    const after = answers.filter((answer) => answer.startedAt > readyAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((answer) => answer.status >= 300)).toEqual([]);
  }, 50_000);

  it('is not ready while PostgreSQL is down, answers 503 quickly, and is back within seconds of its return', async () => {
    await pg.stop();
    try {
      const ready = await ask('ready');
      expect(ready.status).toBe(503);
      expect(ready.code).toBe('not_ready');
      expect(Number(ready.retryAfter)).toBeGreaterThan(0);

      const started = Date.now();
      const [page, create] = await Promise.all([ask('page'), ask('create')]);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(page.status).toBe(503);
      expect(page.contentType).toContain('text/html');
      expect(Number(page.retryAfter)).toBeGreaterThan(0);
      expect(create.status).toBe(503);
      expect(create.code).toBe('database_unavailable');
      expect(Number(create.retryAfter)).toBeGreaterThan(0);
    } finally {
      await pg.start();
    }
    const backWithin = Date.now();
    await until('/readyz to be 200 again', async () => ((await readyStatus()) === 200 ? true : undefined));
    expect(Date.now() - backWithin).toBeLessThan(10_000);
    expect((await ask('page')).status).toBe(200);
    expect((await ask('create')).status).toBe(201);
    expect(server.exitCode()).toBeNull();
  }, 40_000);
});
