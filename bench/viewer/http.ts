/**
 * What every part of bench/viewer needs to talk to servers: start the built server as `npm start`
 * runs it, wait for a URL, time one GET on a kept-alive connection (node:http, so no client
 * decompresses or adds headers behind our back), and run wrk with fixed settings.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/free-port.js';

export const execFileAsync = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DURATION = process.env.BENCH_DURATION ?? '10s';
export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
/** What a browser sends: chatshare answers it with Brotli. */
export const BROWSER_ENCODINGS = 'gzip, deflate, br';

const started = performance.now();
/** A progress line, stamped with seconds since the run began (the run has a time budget). */
export const progress = (line: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

export async function waitFor(url: string, child?: ChildProcess, timeoutMs = 60_000) {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`the server for ${url} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} did not come up`);
}

let serverBin = 'packages/cli/bin/chatshare.js';
/** The `chatshare` bin every server of this run starts from (run.ts points it at a private copy, snapshot.ts). */
export const serverCommand = () => [serverBin, 'serve'];
export const useServerBin = (bin: string) => {
  serverBin = bin;
};

export interface Server {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The built command (`chatshare serve`), production mode, SQLite under `dataDir`. */
export async function startServer(dataDir: string, nodeArgs: string[] = []): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...nodeArgs, ...serverCommand()], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitFor(`${base}/healthz`, child);
  return { base, child, stop: () => stopChild(child) };
}

/** SIGTERM, then wait for the exit (the server closes cleanly, which also writes a --cpu-prof profile). */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export interface Timed {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** From sending the request to its last byte. */
  ms: number;
}

/** A client of one kept-alive connection, as a browser tab reuses its connection. */
export function keepAliveClient() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (url: string, headers: Record<string, string> = {}) =>
    new Promise<Timed>((resolve, reject) => {
      const start = performance.now();
      const request = http.get(url, { agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
            ms: performance.now() - start,
          }),
        );
        response.on('error', reject);
      });
      request.on('error', reject);
    });
  return { get, close: () => agent.destroy() };
}

export interface WrkResult {
  perSecond: number;
  /** wrk's p50 latency, in ms. */
  p50: number;
}

const toMs = (value: string) => {
  const [, number, unit] = /([\d.]+)(us|ms|s)/.exec(value) ?? [];
  return Number(number) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
};

/** wrk -t1 -c50 against `url` for `duration`; any non-2xx answer fails the run (it would flatter the figure). */
export async function wrk(
  url: string,
  { duration = DURATION, headers = {} as Record<string, string>, script = '' } = {},
) {
  const headerArgs = Object.entries({ 'User-Agent': BROWSER_UA, ...headers }).flatMap(([name, value]) => [
    '-H',
    `${name}: ${value}`,
  ]);
  const { stdout } = await execFileAsync('wrk', [
    '-t1',
    '-c50',
    `-d${duration}`,
    '--latency',
    ...headerArgs,
    ...(script ? ['-s', script] : []),
    url,
  ]);
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1];
  if (errors) throw new Error(`${url}: ${errors} error responses\n${stdout}`);
  const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
  const p50 = toMs(/^\s+50%\s+(\S+)/m.exec(stdout)?.[1] ?? 'NaN');
  return { perSecond, p50 } satisfies WrkResult;
}

/**
 * Runs wrk on every target twice, in a palindrome (A B C … C B A), each run half of `duration`,
 * and averages each target's two runs: a drift in the machine's load over the minute then falls
 * alike on figures and their baselines, whatever their place in the list.
 */
export async function wrkPalindrome<K extends string>(
  targets: Record<K, { url: string; headers?: Record<string, string>; script?: string }>,
  onResult: (name: K, result: WrkResult) => void = () => {},
): Promise<Record<K, WrkResult>> {
  const seconds = Number(/^([\d.]+)s?$/.exec(DURATION)?.[1] ?? 10);
  const half = `${Math.max(1, Math.round(seconds / 2))}s`;
  const names = Object.keys(targets) as K[];
  const runs = new Map<K, WrkResult[]>(names.map((name) => [name, []]));
  for (const name of [...names, ...[...names].reverse()]) {
    const result = await wrk(targets[name].url, { ...targets[name], duration: half });
    runs.get(name)!.push(result);
    onResult(name, result);
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return Object.fromEntries(
    names.map((name) => {
      const results = runs.get(name)!;
      return [name, { perSecond: mean(results.map((r) => r.perSecond)), p50: mean(results.map((r) => r.p50)) }];
    }),
  ) as Record<K, WrkResult>;
}

export const median = (values: number[]) => quantile(values, 0.5);
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
