/**
 * The whole HTTP path: `GET /api/v1/shared?…` against the server started as `npm start` runs
 * it (`NODE_ENV=production`, SQLite in the generated DATA_DIR, `LOG_LEVEL=warn`) on a loopback
 * port, one request at a time over a kept-alive connection, timed by the client from request
 * to the last byte of the JSON.
 *
 * Explore allows 120 requests a minute per address. The server runs with `TRUST_PROXY=1`
 * (one proxy in front, as behind nginx; here the client stands in for it), and each request carries its own `X-Forwarded-For`
 * address, as readers behind a proxy would: the limiter still runs on every request (its
 * cost is in the figures) but no reader reaches the limit. No limit is raised.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureCliBuilt } from '../../packages/cli/build/ensure-build.js';
import { searchParams, type QueryKind } from './queries.js';
import { freePort } from '../../scripts/free-port.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function waitFor(url: string, server: ChildProcess) {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

export async function startServer(dataDir: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The built command, as production runs it.
  await ensureCliBuilt();
  const server = spawn(process.execPath, ['packages/cli/bin/chatshare.js', 'serve'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      TRUST_PROXY: '1',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitFor(`${base}/healthz`, server);
  return {
    base,
    stop: async () => {
      server.kill('SIGTERM');
      if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
    },
  };
}

let reader = 0;
/** A new address for every request: 10.x.y.z, never the same twice in a run. */
const nextAddress = () => {
  reader += 1;
  return `10.${(reader >> 16) & 255}.${(reader >> 8) & 255}.${reader & 255}`;
};

async function get(base: string, params: URLSearchParams): Promise<{ nextCursor: string | null }> {
  const response = await fetch(`${base}/api/v1/shared?${params}`, { headers: { 'x-forwarded-for': nextAddress() } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET /api/v1/shared?${params}: ${response.status} ${body}`);
  return JSON.parse(body) as { nextCursor: string | null };
}

export async function measureHttp(
  base: string,
  kinds: readonly QueryKind[],
  samplesPerKind: number,
  onKind: (name: string, samples: number[]) => void,
): Promise<Map<string, number[]>> {
  const results = new Map<string, number[]>();
  for (const kind of kinds) {
    // Untimed: each call once (warm-up), which also gives the cursor of a second page.
    const params: URLSearchParams[] = [];
    for (const call of kind.calls) {
      const first = await get(base, searchParams(call));
      params.push(searchParams(call, call.secondPage ? first.nextCursor! : undefined));
      if (call.secondPage) await get(base, params.at(-1)!);
    }
    const samples: number[] = [];
    for (let index = 0; index < samplesPerKind; index++) {
      const started = performance.now();
      await get(base, params[index % params.length]!);
      samples.push(performance.now() - started);
    }
    results.set(kind.name, samples);
    onKind(kind.name, samples);
  }
  return results;
}
