/**
 * Row 5 of the table: start to the first /healthz answer, and resident memory once idle, of the
 * built server (`chatshare serve`, SQLite already migrated by a warm-up start that is not
 * counted) against the smallest Fastify app (bare-app.mjs). The method of bench/startup: spawn
 * node, poll /healthz every 5 ms, VmRSS after 2 s idle; the two alternate run by run so a
 * change in the machine's load falls on both, and the medians are compared.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../scripts/free-port.js';
import { median, progress, ROOT, serverCommand, stopChild } from './http.js';

const IDLE_MS = 2_000;

const VARIANTS = {
  chatshare: serverCommand,
  bare: () => [fileURLToPath(new URL('./bare-app.mjs', import.meta.url))],
};
type Variant = keyof typeof VARIANTS;

export interface Startup {
  runs: number;
  ms: Record<Variant, number>;
  rssMb: Record<Variant, number>;
}

async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

async function startOnce(variant: Variant, dataDir: string): Promise<{ ms: number; rssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, VARIANTS[variant](), {
    cwd: ROOT,
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
      if (child.exitCode !== null) throw new Error(`${variant} exited with ${child.exitCode}`);
      if (performance.now() - started > 60_000) throw new Error(`${variant} did not start in 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const ms = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return { ms, rssMb: await residentMb(child.pid!) };
  } finally {
    await stopChild(child);
  }
}

export async function measureStartup(dataDir: string, runs: number): Promise<Startup> {
  await startOnce('chatshare', dataDir); // migrates the database; not counted
  await startOnce('bare', dataDir); // loads fastify into the file cache, as the other warm-up does
  const samples = {
    chatshare: { ms: [] as number[], rssMb: [] as number[] },
    bare: { ms: [] as number[], rssMb: [] as number[] },
  };
  for (let run = 0; run < runs; run++) {
    // Alternate which goes first, too.
    const order: Variant[] = run % 2 === 0 ? ['chatshare', 'bare'] : ['bare', 'chatshare'];
    for (const variant of order) {
      const { ms, rssMb } = await startOnce(variant, dataDir);
      samples[variant].ms.push(ms);
      samples[variant].rssMb.push(rssMb);
      progress(`start-up ${run + 1}/${runs} ${variant}: ${ms.toFixed(0)} ms, ${rssMb.toFixed(0)} MB`);
    }
  }
  return {
    runs,
    ms: { chatshare: median(samples.chatshare.ms), bare: median(samples.bare.ms) },
    rssMb: { chatshare: median(samples.chatshare.rssMb), bare: median(samples.bare.rssMb) },
  };
}
