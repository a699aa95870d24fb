/**
 * A small deployment on this machine, as compose.yaml runs it: PostgreSQL and Redis from
 * .ci/services.sh (throwaway, on free loopback ports), real `chatshare serve` processes on
 * them, and nginx in front with deploy/nginx.conf, its upstream pointed at those processes.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../../../../scripts/free-port.js';

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = path.join(ROOT, 'packages/cli/bin/chatshare.js');
const NGINX = '/usr/sbin/nginx';
const BINARIES = ['/usr/lib/postgresql/15/bin/initdb', '/usr/bin/redis-server', '/usr/bin/redis-cli', NGINX];

/** What this machine lacks to run the deployment (services.sh runs PostgreSQL as root's `postgres`). */
export function missingForCluster(): string[] {
  const missing = BINARIES.filter((binary) => !existsSync(binary));
  if (process.getuid?.() !== 0) missing.push('root (PostgreSQL runs as the postgres user)');
  return missing;
}

export interface Services {
  databaseUrl: string;
  redisUrl: string;
  stop(): Promise<void>;
}

/** Starts PostgreSQL and Redis with .ci/services.sh; `stop` removes them and their folder. */
export async function startServices(): Promise<Services> {
  const env = { ...process.env };
  for (const name of ['SERVICES_TMP', 'PG_PORT', 'REDIS_PORT']) delete env[name];
  const { stdout } = await run(
    'bash',
    [
      '-euo',
      'pipefail',
      '-c',
      '. .ci/services.sh; start_postgres; start_redis; echo "$SERVICES_TMP $PG_PORT $REDIS_PORT"',
    ],
    { cwd: ROOT, env },
  );
  const [dir, pgPort, redisPort] = stdout.trim().split('\n').at(-1)!.split(' ');
  return {
    databaseUrl: `postgres://postgres@127.0.0.1:${pgPort}/chatshare_test`,
    redisUrl: `redis://127.0.0.1:${redisPort}`,
    async stop() {
      await run(
        'bash',
        ['-c', '. .ci/services.sh; SERVICES_TMP=$1 PG_PORT=$2 REDIS_PORT=$3; stop_services', 'stop'].concat([
          dir!,
          pgPort!,
          redisPort!,
        ]),
        { cwd: ROOT },
      );
    },
  };
}

export interface Instance {
  /** `http://127.0.0.1:port`, the instance itself (not through nginx). */
  base: string;
  port: number;
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** `count` different free loopback ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** A `chatshare serve` process on `port`; resolves once /healthz answers 200. */
export async function startInstance(port: number, env: Record<string, string>): Promise<Instance> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-cluster-data-'));
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));
  const base = `http://127.0.0.1:${port}`;
  const instance: Instance = {
    base,
    port,
    output: () => output,
    async stop() {
      if (running) child.kill('SIGTERM');
      const code = await exited;
      await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
  for (let attempt = 0; attempt < 200 && running; attempt++) {
    const healthy = await fetch(`${base}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return instance;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await instance.stop();
  throw new Error(`the instance on port ${port} did not start:\n${output}`);
}

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
