/**
 * bench/explore: search latency with 100k public shares on SQLite (BENCH_EXPLORE_SHARES to
 * change the count). Generates the database once and keeps it under the system's temp folder,
 * keyed by size; then times the search mix in this process (`ExploreRepository.search`) and
 * through HTTP (`GET /api/v1/shared`, server started as `npm start`), and prints p50 / p95 /
 * p99 / max per kind of query against the goal: p95 ≤ 50 ms over the whole mix. Searches
 * sorted by date or views are timed too, with fewer samples, outside the goal's mix.
 * Usage: node --conditions=@chatshare/source --import tsx bench/explore/run.ts
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { generateExploreDatabase } from './generate.js';
import { measureHttp, startServer } from './http.js';
import { matchCounts, measureInProcess, PAGE_SIZE } from './in-process.js';
import { QUERY_KINDS, SORTED_SEARCH_KINDS, type QueryKind } from './queries.js';
import { ms, summarize, table, type Summary } from './stats.js';

const GOAL_MS = 50;
// Equal samples per kind, so the whole mix weighs every kind alike.
const IN_PROCESS_SAMPLES = 200;
const HTTP_SAMPLES = 40;
const SORTED_SAMPLES = 16;
// Bump when the generator changes, so a cached database of the old shape is not reused.
const GENERATOR_VERSION = 2;

const count = Number(process.env.BENCH_EXPLORE_SHARES ?? 100_000);
const dataDir = path.join(tmpdir(), `chatshare-bench-explore-v${GENERATOR_VERSION}-${count}`);
const ready = path.join(dataDir, 'generated');

if (existsSync(ready)) {
  console.log(`reusing ${count.toLocaleString('en')} generated shares in ${dataDir}`);
} else {
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  console.log(`generating ${count.toLocaleString('en')} shares into ${dataDir}…`);
  const started = performance.now();
  const { indexed } = await generateExploreDatabase(dataDir, count, (done) => {
    if (done % Math.max(1_000, Math.floor(count / 10 / 1_000) * 1_000) !== 0 && done !== count) return;
    const seconds = (performance.now() - started) / 1000;
    console.log(`  ${done.toLocaleString('en')} shares, ${Math.round(done / seconds).toLocaleString('en')}/s`);
  });
  await writeFile(ready, `${indexed}\n`);
  console.log(
    `  ${indexed.toLocaleString('en')} in the search index, ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

// Other work on the machine shows in the tails: say how busy it was.
const load = () => loadavg()[0]!.toFixed(1);
console.log(`load average ${load()} on ${availableParallelism()} cores before timing`);
const matches = await matchCounts(dataDir, [...QUERY_KINDS, ...SORTED_SEARCH_KINDS]);
const progress = (where: string) => (name: string, samples: number[]) => {
  const { p50, p95 } = summarize(samples);
  console.log(`  ${where} ${name}: p50 ${ms(p50)} ms, p95 ${ms(p95)} ms (${samples.length} searches)`);
};

console.log(`in process: ExploreRepository.search, ${IN_PROCESS_SAMPLES} searches of each kind, limit ${PAGE_SIZE}`);
const inProcess = await measureInProcess(dataDir, QUERY_KINDS, IN_PROCESS_SAMPLES, progress('in process'));
const sortedInProcess = await measureInProcess(dataDir, SORTED_SEARCH_KINDS, SORTED_SAMPLES, progress('in process'));

console.log(`HTTP: GET /api/v1/shared, ${HTTP_SAMPLES} requests of each kind, one at a time`);
const server = await startServer(dataDir);
let http: Map<string, number[]>;
let sortedHttp: Map<string, number[]>;
try {
  http = await measureHttp(server.base, QUERY_KINDS, HTTP_SAMPLES, progress('HTTP'));
  sortedHttp = await measureHttp(server.base, SORTED_SEARCH_KINDS, SORTED_SAMPLES, progress('HTTP'));
} finally {
  await server.stop();
}

const cells = (summary: Summary) => [ms(summary.p50), ms(summary.p95), ms(summary.p99), ms(summary.max)];
const row = (label: string, example: string, matched: string, local: number[], remote: number[]) => [
  label,
  example,
  matched,
  ...cells(summarize(local)),
  ...cells(summarize(remote)),
];
const kindRow = (kind: QueryKind, local: Map<string, number[]>, remote: Map<string, number[]>, note = '') =>
  row(
    kind.name + note,
    kind.calls[0]?.q ?? '',
    matches.get(kind.name)!.toLocaleString('en'),
    local.get(kind.name)!,
    remote.get(kind.name)!,
  );
const mix = [...inProcess.values()].flat();
const mixHttp = [...http.values()].flat();
const rows = [
  ...QUERY_KINDS.map((kind) => kindRow(kind, inProcess, http)),
  row('whole mix', '', '', mix, mixHttp),
  ...SORTED_SEARCH_KINDS.map((kind) => kindRow(kind, sortedInProcess, sortedHttp, ' (not in the mix)')),
];
console.log(
  `\n${count.toLocaleString('en')} shares (${matches.get('no query, newest')!.toLocaleString('en')} in the index), ms:\n`,
);
console.log(table(['kind', 'e.g.', 'matches', 'p50', 'p95', 'p99', 'max', 'HTTP p50', 'p95', 'p99', 'max'], rows));
console.log(`load average ${load()} after timing`);
const verdict = (summary: Summary) => `${ms(summary.p95)} ms, ${summary.p95 <= GOAL_MS ? 'met' : 'NOT met'}`;
console.log(
  `\ngoal p95 ≤ ${GOAL_MS} ms over the whole mix: in process ${verdict(summarize(mix))}; through HTTP ${verdict(summarize(mixHttp))}`,
);
