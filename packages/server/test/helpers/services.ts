/**
 * Throwaway PostgreSQL 15 and Redis for fault tests, each in its own temp folder on a free
 * loopback port (the same steps as .ci/services.sh). A test starts, stops and restarts only
 * the services it started here, and closes them in afterAll.
 *
 * Without the binaries the tests skip, except in CI (CI=true), where that is a failure.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../../../scripts/free-port.js';

const run = promisify(execFile);

export const PG_BIN = '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

const hasBinary = (file: string) =>
  file.includes('/')
    ? existsSync(file)
    : (process.env.PATH ?? '').split(':').some((dir) => existsSync(path.join(dir, file)));

export const HAS_POSTGRES = hasBinary(`${PG_BIN}/pg_ctl`) && hasBinary(`${PG_BIN}/initdb`) && hasBinary('psql');
export const HAS_REDIS = hasBinary('redis-server') && hasBinary('redis-cli');

/** Whether a fault test runs: with the binaries always; without them only outside CI (in CI it fails). */
export const shouldRun = (available: boolean) => available || process.env.CI === 'true';

async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `chatshare-${name}-`));
  await chmod(dir, 0o755);
  return dir;
}

/** Runs a PostgreSQL binary as the postgres user when we are root (PostgreSQL refuses root). */
function pgCommand(binary: string, args: string[]) {
  const file = `${PG_BIN}/${binary}`;
  return asRoot ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args);
}

export interface PostgresService {
  port: number;
  /** postgres://… of a fresh database `chatshare` */
  url: string;
  /** `pg_ctl restart -m fast`: every connection is terminated (57P01), then it starts again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresService> {
  if (!HAS_POSTGRES) throw new Error(`PostgreSQL 15 is not installed (${PG_BIN})`);
  const root = await tempDir('pg');
  const dir = path.join(root, 'pg');
  if (asRoot) await run('install', ['-d', '-o', 'postgres', '-g', 'postgres', dir]);
  else await run('install', ['-d', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  await pgCommand('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`;
  const ctl = (...args: string[]) => pgCommand('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), ...args]);
  const start = async () => void (await ctl('-w', '-o', options, 'start'));
  await start();
  await run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-qc', 'create database chatshare']);
  let closed = false;
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/chatshare`,
    restart: async () => void (await ctl('-w', '-m', 'fast', '-o', options, 'restart')),
    stop: async () => void (await ctl('-w', '-m', 'fast', 'stop')),
    start,
    async close() {
      if (closed) return;
      closed = true;
      if (existsSync(path.join(data, 'postmaster.pid')))
        await ctl('-w', '-m', 'immediate', 'stop').catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}

export interface RedisService {
  port: number;
  url: string;
  /** `SHUTDOWN NOSAVE`: the server goes away, clients see their connections close. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty, as after a restart without persistence). */
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT: connections stay open but nothing answers (a hung or partitioned Redis). */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

export async function startRedis(): Promise<RedisService> {
  if (!HAS_REDIS) throw new Error('redis-server is not installed');
  const dir = await tempDir('redis');
  const port = await freePort();
  const pidFile = path.join(dir, 'redis.pid');
  const cli = (...args: string[]) => run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args]);
  const answers = () =>
    cli('ping').then(
      ({ stdout }) => stdout.trim() === 'PONG',
      () => false,
    );
  let running = false;
  const start = async () => {
    await run('redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
      '--pidfile',
      pidFile,
      '--logfile',
      path.join(dir, 'redis.log'),
      '--dir',
      dir,
    ]);
    running = true;
    for (let attempt = 0; attempt < 100 && !(await answers()); attempt++) await new Promise((r) => setTimeout(r, 50));
    if (!(await answers())) throw new Error(`redis-server did not answer on port ${port}`);
  };
  const stop = async () => {
    if (!running) return;
    running = false;
    await cli('shutdown', 'nosave').catch(() => undefined);
    for (let attempt = 0; attempt < 100 && (await answers()); attempt++) await new Promise((r) => setTimeout(r, 50));
  };
  const signal = async (name: NodeJS.Signals) => {
    const pid = Number(await readFile(pidFile, 'utf8'));
    if (!(pid > 0)) throw new Error('redis-server wrote no pid file');
    process.kill(pid, name);
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    async close() {
      await signal('SIGCONT').catch(() => undefined);
      await stop();
      // A server that did not take the shutdown: end the one we started, by its pid file.
      const pid = Number(await readFile(pidFile, 'utf8').catch(() => ''));
      if (pid > 0) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
