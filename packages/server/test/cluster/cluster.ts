/**
 * A small deployment on this machine, as compose.yaml runs it: throwaway PostgreSQL and Redis
 * on free loopback ports (helpers/services.ts), real `chatshare serve` processes on them, and
 * nginx in front with deploy/nginx.conf, its upstream pointed at those processes.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../../../scripts/free-port.js';
import { ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { HAS_POSTGRES, HAS_REDIS, startPostgres, startRedis } from '../helpers/services.js';

const run = promisify(execFile);
const NGINX = '/usr/sbin/nginx';

/** What this machine lacks to run the deployment. */
export function missingForCluster(): string[] {
  const missing: string[] = [];
  if (!HAS_POSTGRES) missing.push('PostgreSQL 15');
  if (!HAS_REDIS) missing.push('Redis');
  if (!existsSync(NGINX)) missing.push(NGINX);
  return missing;
}

export interface Services {
  databaseUrl: string;
  redisUrl: string;
  stop(): Promise<void>;
}

/** Starts PostgreSQL and Redis; `stop` removes them and their folders. */
export async function startServices(): Promise<Services> {
  const postgres = await startPostgres();
  const redis = await startRedis().catch(async (error: unknown) => {
    await postgres.close();
    throw error;
  });
  return {
    databaseUrl: postgres.url,
    redisUrl: redis.url,
    async stop() {
      await Promise.all([postgres.close(), redis.close()]);
    },
  };
}

/** An instance: `base` is the instance itself (not through nginx); `stop` sends SIGTERM and gives the exit code. */
export type Instance = ServerProcess;

/** `count` different free loopback ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** A `chatshare serve` process on `port`; resolves once /healthz answers 200. */
export const startInstance = (port: number, env: Record<string, string>): Promise<Instance> =>
  startServerProcess({
    entry: 'cli',
    port,
    tempDataDir: 'chatshare-cluster-data-',
    env: ({ dataDir }) => ({ HOST: '127.0.0.1', DATA_DIR: dataDir!, ...env }),
    readyPath: '/healthz',
  });

export interface Proxy {
  base: string;
  /** The upstream address of every request so far, in order, from nginx's access log. */
  upstreams(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * nginx with deploy/nginx.conf, its upstream servers replaced by `upstreams` and its listen
 * address by `127.0.0.1:port`, wrapped in a main configuration whose paths are all in a
 * temporary folder. Throws when the file no longer has the lines it replaces.
 */
export async function startNginx(port: number, upstreams: string[]): Promise<Proxy> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chatshare-cluster-nginx-'));
  const site = await readFile(path.join(ROOT, 'deploy/nginx.conf'), 'utf8');
  const serverLine = /^([ \t]*)server[ \t]+chatshare-[a-z]+:3000\b([^;]*);[ \t]*\n/gm;
  const servers = [...site.matchAll(serverLine)];
  if (servers.length < 2 || !/^\s*listen 80;$/m.test(site)) {
    throw new Error('deploy/nginx.conf no longer lists chatshare-a/-b:3000 servers and `listen 80;`');
  }
  const [, indent, options] = servers[0]!;
  const ours = upstreams.map((address) => `${indent}server ${address}${options};\n`).join('');
  const adapted = site
    .replace(serverLine, (line) => (line === servers[0]![0] ? ours : ''))
    .replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`);
  const conf = path.join(dir, 'nginx.conf');
  await writeFile(
    conf,
    [
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 1024; }',
      'http {',
      `  client_body_temp_path ${dir}/body;`,
      `  proxy_temp_path ${dir}/proxy;`,
      `  fastcgi_temp_path ${dir}/fastcgi;`,
      `  uwsgi_temp_path ${dir}/uwsgi;`,
      `  scgi_temp_path ${dir}/scgi;`,
      `  log_format upstream '$upstream_addr';`,
      `  access_log ${dir}/access.log upstream;`,
      adapted,
      '}',
      '',
    ].join('\n'),
  );
  const args = ['-p', dir, '-c', conf, '-e', `${dir}/error.log`];
  await run(NGINX, args);
  return {
    base: `http://127.0.0.1:${port}`,
    async upstreams() {
      return (await readFile(path.join(dir, 'access.log'), 'utf8')).split('\n').filter(Boolean);
    },
    async stop() {
      await run(NGINX, [...args, '-s', 'quit']).catch(() => undefined);
      for (let attempt = 0; attempt < 50 && existsSync(`${dir}/nginx.pid`); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
