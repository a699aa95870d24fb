/**
 * bench/viewer: the share page against what a static file costs, every figure as a ratio to a
 * baseline measured in the same run (the machine is shared and noisy). One table:
 *   1–2. cached page vs a bare Fastify route sending the same bytes, identity and as a browser
 *        asks (Accept-Encoding: gzip, deflate, br)                          (throughput.ts)
 *   3.   cached page vs nginx serving the same file                          (throughput.ts)
 *   4.   first view of a just-created 200-message link vs a cached view      (first-view.ts)
 *   5.   start to /healthz and idle RSS vs a bare Fastify app                (startup.ts)
 *   6.   page p50 with 1,000,000 shares vs 1,000 (SQLite)                    (million.ts, seed-million.ts)
 * The server runs as `npm start` runs it (the built command, NODE_ENV=production, SQLite,
 * LOG_LEVEL=warn), on 127.0.0.1 only. Needs Debian's nginx and wrk. The first run generates the
 * 1M-share database (about two minutes, kept under the temp folder); later runs take about three
 * minutes with the default 10 s wrk runs.
 *
 * Settings (environment): BENCH_DURATION (wrk, default 10s), BENCH_LINKS (first views, 40),
 * BENCH_STARTUP_RUNS (5), BENCH_SHARES (1000000) and BENCH_SMALL_SHARES (1000),
 * BENCH_ONLY (some of throughput,first-view,million,startup), BENCH_PROFILE=1 or =br (adds
 * profile.ts: a CPU profile of the cached page, identity or as a browser asks).
 * Usage: node --conditions=@chatshare/source --import tsx bench/viewer/run.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharer } from './api.js';
import { benchConversation } from './conversation.js';
import { measureFirstView } from './first-view.js';
import { BROWSER_ENCODINGS, DURATION, execFileAsync, progress, startServer, useServerBin } from './http.js';
import { measureMillion } from './million.js';
import { profileCachedPage } from './profile.js';
import { sharesDatabase } from './seed-million.js';
import { snapshotCommand } from './snapshot.js';
import { measureStartup } from './startup.js';
import { ms, perSecond, renderTable, type Row } from './table.js';
import { measureThroughput } from './throughput.js';

type Part = 'throughput' | 'first-view' | 'million' | 'startup';
const only = process.env.BENCH_ONLY?.split(',').map((part) => part.trim());
const runs = (part: Part) => !only || only.includes(part);
const LINKS = Number(process.env.BENCH_LINKS ?? 40);
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
const LARGE = Number(process.env.BENCH_SHARES ?? 1_000_000);
const SMALL = Number(process.env.BENCH_SMALL_SHARES ?? 1_000);
// BENCH_PROFILE=1 profiles the identity page, BENCH_PROFILE=br the page as a browser asks for it.
const PROFILE =
  process.env.BENCH_PROFILE === '1' || process.env.BENCH_PROFILE === 'br' ? process.env.BENCH_PROFILE : null;

const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
progress(`load average ${load()} on ${availableParallelism()} cores; wrk -t1 -c50 -d${DURATION}`);
// Generated (or found) before anything is timed: generation is slow and not part of the budget.
const databases = runs('million')
  ? { large: await sharesDatabase(LARGE, progress), small: await sharesDatabase(SMALL, progress) }
  : null;

const dir = await mkdtemp(path.join(tmpdir(), 'chatshare-bench-viewer-'));
// Kept after the run: the profile and the build it profiled are for reading.
const profileDir = PROFILE ? await mkdtemp(path.join(tmpdir(), 'chatshare-bench-viewer-profile-')) : null;
const rows: Row[] = [];
try {
  // Every server of this run starts from one copy of the build (others rebuild dist meanwhile);
  // kept with the profile when there is one, as its frames point into that copy.
  const { bin, build } = await snapshotCommand(profileDir ?? dir, progress);
  useServerBin(bin);
  if (runs('throughput') || runs('first-view')) {
    const server = await startServer(path.join(dir, 'data'));
    try {
      if (runs('throughput')) {
        const page = await (await sharer(server.base))(benchConversation(50));
        const t = await measureThroughput(server.base, page, dir);
        const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
        rows.push(
          {
            figure: `cached 50-message page vs bare Fastify route, same bytes (identity, ${kb(t.identityBytes)})`,
            measured: `${perSecond(t.chatshare.perSecond)} vs ${perSecond(t.bare.perSecond)}`,
            ratio: t.chatshare.perSecond / t.bare.perSecond,
            goal: { at: 'least', value: 0.8 },
          },
          {
            figure: `the same with Accept-Encoding: gzip, deflate, br (${t.encoding}, ${kb(t.compressedBytes)})`,
            measured: `${perSecond(t.chatshareCompressed.perSecond)} vs ${perSecond(t.bareCompressed.perSecond)}`,
            ratio: t.chatshareCompressed.perSecond / t.bareCompressed.perSecond,
            goal: { at: 'least', value: 0.8 },
          },
          {
            figure: 'cached page vs nginx, same file (identity; 1 worker vs 1 node process)',
            measured: `${perSecond(t.chatshare.perSecond)} vs ${perSecond(t.nginx.perSecond)}`,
            ratio: t.chatshare.perSecond / t.nginx.perSecond,
            goal: { at: 'least', value: 0.45 },
          },
        );
      }
      if (runs('first-view')) {
        progress(`first views: ${LINKS} new links of 200 messages`);
        const f = await measureFirstView(server.base, LINKS);
        // For reading the first-view figure: what rendering such a page costs, nothing cached.
        const { stdout } = await execFileAsync(process.execPath, [
          '--conditions=@chatshare/source',
          '--import',
          'tsx',
          fileURLToPath(new URL('./cold-render.ts', import.meta.url)),
          '200',
          '60',
        ]);
        const cold = JSON.parse(stdout.trim()) as { p50: number; p90: number };
        progress(`cold render in process (cold-render.ts), 200 messages: p50 ${cold.p50} ms, p90 ${cold.p90} ms`);
        rows.push({
          figure: `first view of a just-created 200-message link vs a cached view, p50 (${f.links} links, ${(f.pageBytes / 1024).toFixed(1)} KB br)`,
          measured: `${ms(f.firstP50)} (p90 ${ms(f.firstP90)}) vs ${ms(f.cachedP50)}; create p50 ${ms(f.createP50)}`,
          ratio: f.firstP50 / f.cachedP50,
          goal: { at: 'most', value: 1.5 },
        });
      }
    } finally {
      await server.stop();
    }
  }

  if (databases) {
    const m = await measureMillion(databases.small, databases.large, dir);
    const count = (n: number) => n.toLocaleString('en');
    rows.push({
      figure: `page p50 with ${count(m.shares.large)} shares vs ${count(m.shares.small)} (SQLite; ${databases.large.picks.length} pages across the id range, ${(m.pageBytes / 1024).toFixed(1)} KB)`,
      measured:
        `${ms(m.p50.large)} vs ${ms(m.p50.small)}; wrk ${perSecond(m.wrk.large.perSecond)} vs ` +
        `${perSecond(m.wrk.small.perSecond)} (req/s ratio ${(m.wrk.large.perSecond / m.wrk.small.perSecond).toFixed(2)})`,
      ratio: m.p50.large / m.p50.small,
      goal: { at: 'most', value: 1.2 },
    });
  }

  if (runs('startup')) {
    const s = await measureStartup(path.join(dir, 'startup-data'), STARTUP_RUNS);
    rows.push(
      {
        figure: `start to /healthz vs bare Fastify app (medians of ${s.runs} alternating runs)`,
        measured: `${s.ms.chatshare.toFixed(0)} ms vs ${s.ms.bare.toFixed(0)} ms`,
        ratio: s.ms.chatshare / s.ms.bare,
        goal: { at: 'most', value: 3 },
      },
      {
        figure: 'idle RSS (2 s after /healthz) vs bare Fastify app',
        measured: `${s.rssMb.chatshare.toFixed(0)} MB vs ${s.rssMb.bare.toFixed(0)} MB`,
        ratio: s.rssMb.chatshare / s.rssMb.bare,
        goal: { at: 'most', value: 3 },
      },
    );
  }

  progress(`load average ${load()} after timing`);
  console.log(`\nbuild ${build.slice(0, 12)} (packages/cli/dist input hash)\n${renderTable(rows)}\n`);

  if (profileDir) {
    const compressed = PROFILE === 'br';
    progress(
      `CPU profile of the cached page under wrk (${compressed ? BROWSER_ENCODINGS : 'identity'}), in ${profileDir}`,
    );
    console.log(await profileCachedPage(profileDir, { compressed }));
    await rm(path.join(profileDir, 'profile-data'), { recursive: true, force: true });
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
