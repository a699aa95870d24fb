/**
 * One measured start of a server, shared by bench/startup and bench/viewer's start-up row:
 * spawn `node <command>`, time until /healthz first answers 200 (polled every 5 ms), then read
 * VmRSS after 2 s idle. SQLite under `dataDir`, NODE_ENV=production, LOG_LEVEL=warn, loopback.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { freePort } from '../../scripts/free-port.js';

const IDLE_MS = 2_000;

/** The baseline both compare with: import fastify, answer /healthz, listen. */
export const BARE_FASTIFY = new URL('./bare-fastify.mjs', import.meta.url).pathname;

async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

/** Milliseconds from spawn to the first 200 from /healthz, and RSS after idling. */
export async function startOnce(
  label: string,
  command: readonly string[],
  { cwd, dataDir }: { cwd: string; dataDir: string },
): Promise<{ ms: number; rssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...command], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) break;
      if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}`);
      if (performance.now() - started > 60_000) throw new Error(`${label} did not start in 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const ms = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return { ms, rssMb: await residentMb(child.pid!) };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
}
