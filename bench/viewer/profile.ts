/**
 * BENCH_PROFILE=1: a CPU profile of the cached share page under load, to tell what each step of
 * the page path costs. A separate server (fresh database, so the figures of the table are not
 * taken under the profiler) runs with --cpu-prof; a 50-message page is shared, warmed for 2 s,
 * then loaded with wrk for BENCH_DURATION; the server is stopped cleanly (which writes the
 * profile) and the profile summarised over the measured load only (start-up, warm-up and shutdown left out).
 * The .cpuprofile is kept (its path is printed) for a closer look in DevTools.
 */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { sharer } from './api.js';
import { benchConversation } from './conversation.js';
import { BROWSER_ENCODINGS, progress, startServer, wrk } from './http.js';
import { summariseProfile } from './profile-summary.js';

export async function profileCachedPage(dir: string, { compressed = false } = {}): Promise<string> {
  const profileDir = path.join(dir, 'profile');
  await mkdir(profileDir, { recursive: true });
  const spawned = performance.now();
  const server = await startServer(path.join(dir, 'profile-data'), ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
  let fromMs: number;
  let toMs: number;
  let load;
  try {
    const page = await (await sharer(server.base))(benchConversation(50));
    const headers: Record<string, string> = compressed ? { 'Accept-Encoding': BROWSER_ENCODINGS } : {};
    await wrk(`${server.base}${page}`, { duration: '2s', headers });
    fromMs = performance.now() - spawned;
    load = await wrk(`${server.base}${page}`, { headers });
    toMs = performance.now() - spawned;
    progress(`profiled load: ${load.perSecond.toFixed(0)} req/s (under the profiler)`);
  } finally {
    await server.stop();
  }
  const [file] = (await readdir(profileDir)).filter((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${profileDir}`);
  const full = path.join(profileDir, file);
  return `profile: ${full}\n${await summariseProfile(full, 25, fromMs, toMs)}`;
}
