/**
 * Row 6 of the table: the cached share page with a million shares in the database against a
 * thousand (SQLite, seed-million.ts). Both servers run side by side on their kept databases and
 * are measured alternately: the same measured shares (spread over the whole id range, the same
 * content in both) fetched one at a time on a kept-alive connection, the two sizes in turn (p50 to the last byte, the
 * goal's figure), then wrk -t1 -c50 cycling through them (req/s, for the picture under load; in a palindrome
 * order, 1k 1M 1M 1k, as load drifts over a run by more than the difference sought).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BROWSER_UA,
  keepAliveClient,
  median,
  progress,
  startServer,
  wrk,
  wrkPalindrome,
  type Server,
  type WrkResult,
} from './http.js';
import type { SharesDatabase } from './seed-million.js';

export interface Million {
  shares: Record<'small' | 'large', number>;
  pageBytes: number;
  p50: Record<'small' | 'large', number>;
  wrk: Record<'small' | 'large', WrkResult>;
}

const ROUNDS = 25;

/** A wrk script that asks for each measured page in turn. */
async function rotationScript(dir: string, name: string, paths: string[]) {
  const file = path.join(dir, `${name}.lua`);
  await writeFile(
    file,
    `local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
`,
  );
  return file;
}

export async function measureMillion(small: SharesDatabase, large: SharesDatabase, dir: string): Promise<Million> {
  const servers: Partial<Record<'small' | 'large', Server>> = {};
  const client = keepAliveClient();
  const headers = { 'user-agent': BROWSER_UA };
  try {
    for (const size of ['small', 'large'] as const) {
      const started = performance.now();
      servers[size] = await startServer(size === 'small' ? small.dataDir : large.dataDir);
      progress(
        `server on ${(size === 'small' ? small : large).count.toLocaleString('en')} shares up in ${(performance.now() - started).toFixed(0)} ms`,
      );
    }
    const databases = { small, large };
    const urls = (size: 'small' | 'large') =>
      databases[size].picks.map(({ code }) => `${servers[size]!.base}/s/${code}`);
    let pageBytes = 0;
    // The first view renders the page; a few more make sure every later one is a cached view.
    for (const size of ['small', 'large'] as const) {
      for (const url of urls(size)) {
        for (let run = 0; run < 3; run++) {
          const view = await client.get(url, headers);
          if (view.status !== 200) throw new Error(`${url}: ${view.status}`);
          pageBytes = view.body.length;
        }
      }
    }
    // Request by request in turn (which goes first alternates), so a burst of other work on the
    // machine falls on both sizes alike.
    const samples = { small: [] as number[], large: [] as number[] };
    const pairs = { small: urls('small'), large: urls('large') };
    for (let round = 0; round < ROUNDS; round++) {
      for (let pick = 0; pick < pairs.small.length; pick++) {
        const order = (round + pick) % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
        for (const size of order) samples[size].push((await client.get(pairs[size][pick]!, headers)).ms);
      }
    }
    const p50 = { small: median(samples.small), large: median(samples.large) };
    progress(
      `sequential p50: ${p50.small.toFixed(2)} ms on ${small.count.toLocaleString('en')}, ${p50.large.toFixed(2)} ms on ${large.count.toLocaleString('en')}`,
    );

    const scripts = {
      small: await rotationScript(
        dir,
        'small',
        small.picks.map(({ code }) => `/s/${code}`),
      ),
      large: await rotationScript(
        dir,
        'large',
        large.picks.map(({ code }) => `/s/${code}`),
      ),
    };
    for (const size of ['small', 'large'] as const)
      await wrk(`${servers[size]!.base}/`, { duration: '2s', script: scripts[size] });
    const load = await wrkPalindrome(
      {
        small: { url: `${servers.small!.base}/`, script: scripts.small },
        large: { url: `${servers.large!.base}/`, script: scripts.large },
      },
      (size, result) =>
        progress(
          `wrk ${databases[size].count.toLocaleString('en')} shares: ${result.perSecond.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms`,
        ),
    );
    return { shares: { small: small.count, large: large.count }, pageBytes, p50, wrk: load };
  } finally {
    client.close();
    for (const server of Object.values(servers)) await server.stop();
  }
}
