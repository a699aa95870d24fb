/**
 * Behind nginx (`X-Forwarded-For $proxy_add_x_forwarded_for`, which appends the address it
 * saw to whatever the client sent), the client address is the one the trusted proxy added,
 * never one the client wrote: forged headers do not get around the unlock limit.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../scripts/free-port.js';
import { ConfigError, loadConfig } from '../../src/env.js';
import { createShareOver, signUpOver, startServer, waitFor, type ServerProcess } from './server-process.js';

const hasNginx = spawnSync('nginx', ['-v']).status === 0;

const children: ChildProcess[] = [];
const dirs: string[] = [];
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
  for (const child of children) child.kill('SIGQUIT');
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A private nginx on a free loopback port, proxying to `upstream` from `bind`; every path under a temp folder. */
async function startNginx(upstream: number, bind: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chatshare-nginx-'));
  dirs.push(dir);
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  await writeFile(
    conf,
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://127.0.0.1:${upstream};
      proxy_bind ${bind};
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`,
  );
  const child = spawn('nginx', ['-c', conf, '-e', path.join(dir, 'error.log')], { stdio: 'ignore' });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    () =>
      fetch(`${base}/healthz`).then(
        (response) => response.ok,
        () => false,
      ),
    10_000,
    'nginx to start',
  );
  return base;
}

/** One JSON unlock attempt through `base`, sent from the local address `from`; resolves to the status. */
function wrongPassword(base: string, code: string, from: string, forwardedFor: string): Promise<number> {
  const url = new URL(`${base}/s/${code}/unlock`);
  const body = JSON.stringify({ password: 'wrong' });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('TRUST_PROXY behind nginx', () => {
  // nginx connects to the app from 127.0.0.2; the readers from 127.0.0.3 and 127.0.0.4 (all
  // loopback), so the app can tell the proxy from its clients, and the clients apart.
  for (const trustProxy of ['1', '127.0.0.2']) {
    it(`limits wrong passwords per real client with TRUST_PROXY=${trustProxy}, whatever X-Forwarded-For says`, async (context) => {
      if (!hasNginx) {
        if (process.env.CI === 'true') throw new Error('nginx is needed in CI');
        return context.skip('nginx is not installed');
      }
      const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-proxy-'));
      dirs.push(dataDir);
      const server = await startServer({ DATA_DIR: dataDir, TRUST_PROXY: trustProxy, LOG_LEVEL: 'info' });
      servers.push(server);
      const proxy = await startNginx(server.port, '127.0.0.2');
      const owner = await signUpOver(server.base);
      const share = await createShareOver(owner, { password: 'the right one' });

      const statuses: number[] = [];
      for (let attempt = 0; attempt < 30; attempt++) {
        statuses.push(
          await wrongPassword(proxy, share.code, '127.0.0.3', `203.0.113.${attempt}, 198.51.100.${attempt}`),
        );
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual(Array(20).fill(429));
      // Another reader behind the same proxy has attempts of their own.
      expect(await wrongPassword(proxy, share.code, '127.0.0.4', '203.0.113.99')).toBe(401);
      // The app saw the readers' own addresses: never a forged one, never the proxy's.
      const seen = new Set([...server.output().matchAll(/"remoteAddress":"([^"]+)"/g)].map((match) => match[1]));
      expect(seen.has('127.0.0.3') && seen.has('127.0.0.4')).toBe(true);
      expect([...seen].filter((address) => /^(203\.0\.113|198\.51\.100)\./.test(address!))).toEqual([]);
    }, 40_000);
  }
});

describe('TRUST_PROXY values', () => {
  const load = (value: string) => loadConfig({ TRUST_PROXY: value, SESSION_SECRET: 'x'.repeat(32) }, tmpdir());

  it('takes a hop count, addresses and CIDRs, or off', () => {
    expect(load('1').trustProxy).toBe(1);
    expect(load('2').trustProxy).toBe(2);
    expect(load('false').trustProxy).toBe(false);
    expect(load('0').trustProxy).toBe(false);
    expect(load('127.0.0.1, 10.0.0.0/8,::1,fd00::/8').trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
    ]);
    expect(load('loopback,uniquelocal').trustProxy).toEqual(['loopback', 'uniquelocal']);
    expect(loadConfig({ SESSION_SECRET: 'x'.repeat(32) }, tmpdir()).trustProxy).toBe(false);
  });

  it('refuses "true", which would let every client pick its own address', () => {
    expect(() => load('true')).toThrow(ConfigError);
    expect(() => load('true')).toThrow(/TRUST_PROXY=true would trust any X-Forwarded-For.*hop count such as 1/s);
  });

  it('refuses what is neither a count nor an address', () => {
    expect(() => load('nginx')).toThrow(/TRUST_PROXY: "nginx" is not/);
    expect(() => load('10.0.0.0/33')).toThrow(/TRUST_PROXY: "10.0.0.0\/33" is not/);
    expect(() => load('-1')).toThrow(/TRUST_PROXY/);
  });
});
