/**
 * A private copy of the built command for one run. Other work on this machine rebuilds
 * packages/cli/dist while benchmarks run (the build swaps the folder by renames), so servers
 * started from it a minute apart could run different code, or fail to load a chunk that was
 * swapped away. Every server of a run starts from this copy instead, so every row of the table
 * measures the same build, and the run names it (the build's input hash).
 *
 * The copy mirrors the repository's layout (packages/cli/{bin,dist,package.json}) with
 * node_modules linked to the repository's, so packages resolve as they do from the original.
 */
import { cp, mkdir, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { ensureCliBuilt } from '../../packages/cli/build/ensure-build.js';
import { ROOT } from './http.js';

const stampOf = (dist: string) =>
  readFile(path.join(dist, '.build-stamp.json'), 'utf8').then(
    (text) => (JSON.parse(text) as { inputs: string }).inputs,
    () => null,
  );

/** Builds when stale, copies the build under `dir`; resolves to the copy's bin and its input hash. */
export async function snapshotCommand(
  dir: string,
  log: (line: string) => void,
): Promise<{ bin: string; build: string }> {
  const cli = path.join(ROOT, 'packages/cli');
  for (let attempt = 1; attempt <= 5; attempt++) {
    const built = await ensureCliBuilt({ log });
    const target = path.join(dir, `app-${attempt}`);
    const before = await stampOf(path.join(cli, 'dist'));
    await mkdir(path.join(target, 'packages/cli'), { recursive: true });
    try {
      await cp(path.join(cli, 'dist'), path.join(target, 'packages/cli/dist'), { recursive: true });
      await cp(path.join(cli, 'bin'), path.join(target, 'packages/cli/bin'), { recursive: true });
      await cp(path.join(cli, 'package.json'), path.join(target, 'packages/cli/package.json'));
    } catch (error) {
      log(`copying the build failed (${(error as Error).message}); again`);
      continue;
    }
    // A rebuild during the copy would mix two builds: the stamp must be the same on both sides.
    const copied = await stampOf(path.join(target, 'packages/cli/dist'));
    if (!before || copied !== before || (await stampOf(path.join(cli, 'dist'))) !== before) {
      log('the build changed while it was copied; again');
      continue;
    }
    await symlink(path.join(ROOT, 'node_modules'), path.join(target, 'node_modules'));
    await symlink(path.join(cli, 'node_modules'), path.join(target, 'packages/cli/node_modules'));
    log(
      `the chatshare command: ${built === 'built' ? 'rebuilt' : 'up to date'}, build ${before.slice(0, 12)}, copied to ${target}`,
    );
    return { bin: path.join(target, 'packages/cli/bin/chatshare.js'), build: before };
  }
  throw new Error('could not take a stable copy of packages/cli/dist');
}
