/**
 * bench/startup: how long the server takes from `node …` to its first `/healthz` answer, and
 * its resident memory once idle, for the built `chatshare serve` (how `npm start` runs) against
 * a bare Fastify app (bench/startup/bare-fastify.mjs: import fastify, register /healthz,
 * listen), alternating in the same run so the ratio holds on a noisy machine. With `--source`,
 * the server run from TypeScript sources through tsx is measured too. SQLite under a temp
 * DATA_DIR, NODE_ENV=production, LOG_LEVEL=warn, migrated by a warm-up start of each variant
 * that is not counted. The goal is built / bare ≤ 3 for both figures.
 * Usage: node --conditions=@chatshare/source --import tsx bench/startup/run.ts [runs] [--source]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureCliBuilt } from '../../packages/cli/build/ensure-build.js';
import { REPO } from '../../scripts/inputs-hash.js';
import { BARE_FASTIFY, startOnce } from './measure.js';

const args = process.argv.slice(2);
const RUNS = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 9);
const WITH_SOURCE = args.includes('--source');
const GOAL = 3;

const BARE = 'bare Fastify';
const BUILT = 'built (chatshare serve)';
const VARIANTS: Record<string, readonly string[]> = {
  [BARE]: [BARE_FASTIFY],
  [BUILT]: ['packages/cli/bin/chatshare.js', 'serve'],
  ...(WITH_SOURCE
    ? { 'from source (tsx)': ['--conditions=@chatshare/source', '--import', 'tsx', 'packages/server/src/main.ts'] }
    : {}),
};
const NAMES = Object.keys(VARIANTS);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

await ensureCliBuilt();
const results = new Map<string, { ms: number[]; rssMb: number[] }>();
const dirs = new Map<string, string>();
for (const variant of NAMES) {
  const dir = await mkdtemp(path.join(tmpdir(), 'chatshare-bench-startup-'));
  dirs.set(variant, dir);
  results.set(variant, { ms: [], rssMb: [] });
  await startOnce(variant, VARIANTS[variant]!, { cwd: REPO, dataDir: dir }); // migrates the database (and warms the file cache); not counted
}
try {
  for (let run = 0; run < RUNS; run++) {
    for (const variant of NAMES) {
      const { ms, rssMb } = await startOnce(variant, VARIANTS[variant]!, { cwd: REPO, dataDir: dirs.get(variant)! });
      results.get(variant)!.ms.push(ms);
      results.get(variant)!.rssMb.push(rssMb);
      process.stderr.write(`run ${run + 1}/${RUNS} ${variant}: ${ms.toFixed(0)} ms, ${rssMb.toFixed(0)} MB\n`);
    }
  }
} finally {
  for (const dir of dirs.values()) await rm(dir, { recursive: true, force: true });
}

const medians = new Map(
  NAMES.map((variant) => {
    const { ms, rssMb } = results.get(variant)!;
    return [variant, { ms: median(ms), rssMb: median(rssMb) }];
  }),
);
for (const [variant, row] of medians) {
  console.log(
    `${variant}: start to /healthz ${row.ms.toFixed(0)} ms, idle RSS ${row.rssMb.toFixed(0)} MB (medians of ${RUNS})`,
  );
}
const bare = medians.get(BARE)!;
for (const variant of NAMES.filter((name) => name !== BARE)) {
  const row = medians.get(variant)!;
  const startRatio = row.ms / bare.ms;
  const rssRatio = row.rssMb / bare.rssMb;
  const verdict = (ratio: number) => (ratio <= GOAL ? 'met' : 'not met');
  console.log(
    `${variant} / bare: start-up ${startRatio.toFixed(2)} (${verdict(startRatio)}), idle RSS ${rssRatio.toFixed(2)} (${verdict(rssRatio)}); goal ≤ ${GOAL}`,
  );
}
