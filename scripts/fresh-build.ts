/**
 * Builds into a folder only when the build there is missing or was made from other inputs:
 * the owner app (packages/web/dist) and the `chatshare` command (packages/cli/dist) both go
 * through here. When the build is current this only hashes the inputs (tens of milliseconds).
 *
 * The build goes to a temporary folder and replaces the output only when complete, so a
 * server never serves half a build; a lock folder keeps two processes (parallel test files)
 * from building at once.
 */
import { mkdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inputsHash } from './inputs-hash.js';

/** Written into a build after it succeeded: the hash of the inputs it was built from. */
export const BUILD_STAMP = '.build-stamp.json';
/** A lock untouched for this long was left by a process that died (a live builder touches it). */
const STALE_LOCK_MS = 2 * 60_000;
const LOCK_TOUCH_MS = 15_000;

export interface FreshBuild {
  /** For log lines: "the owner app (packages/web)". */
  name: string;
  /** The output folder, replaced whole by each build. */
  outDir: string;
  /** Folders and files, relative to the repository root, that the build reads. */
  inputs: readonly string[];
  /** Writes the whole build into `dir` (an empty temporary folder). */
  build(dir: string): Promise<void>;
}

export interface EnsureOptions {
  /** Build even when the output is current. */
  force?: boolean;
  log?: (line: string) => void;
}

async function builtHash(outDir: string): Promise<string | null> {
  try {
    const stamp = JSON.parse(await readFile(path.join(outDir, BUILD_STAMP), 'utf8')) as { inputs?: unknown };
    return typeof stamp.inputs === 'string' ? stamp.inputs : null;
  } catch {
    return null;
  }
}

async function takeLock(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
    return false;
  }
}

/** `dist` → `.dist`, `.packs` → `.packs`: the hidden sibling names of an output's temporary folders. */
const hiddenSibling = (outDir: string, suffix: string) =>
  path.join(path.dirname(outDir), `.${path.basename(outDir).replace(/^\.+/, '')}-${suffix}`);

async function buildInto(spec: FreshBuild, hash: string, log: (line: string) => void): Promise<void> {
  const temporary = hiddenSibling(spec.outDir, String(process.pid));
  const previous = hiddenSibling(spec.outDir, `old-${process.pid}`);
  await rm(temporary, { recursive: true, force: true });
  await mkdir(temporary, { recursive: true });
  try {
    await spec.build(temporary);
    await writeFile(path.join(temporary, BUILD_STAMP), `${JSON.stringify({ inputs: hash })}\n`);
    await rename(spec.outDir, previous).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(temporary, spec.outDir);
    await rm(previous, { recursive: true, force: true });
    log(`${spec.name} built into ${path.relative(process.cwd(), spec.outDir) || spec.outDir}`);
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

/** Resolves once `outDir` holds a build of the current inputs: `fresh` if it already did. */
export async function ensureFresh(spec: FreshBuild, options: EnsureOptions = {}): Promise<'fresh' | 'built'> {
  const log = options.log ?? (() => undefined);
  const lock = hiddenSibling(spec.outDir, 'build-lock');
  let force = options.force ?? false;
  for (;;) {
    const hash = await inputsHash(spec.inputs);
    if (!force && (await builtHash(spec.outDir)) === hash) return 'fresh';
    if (await takeLock(lock)) {
      // Kept fresh while the build runs, so a long build is never taken for a dead one.
      const touch = setInterval(() => void utimes(lock, new Date(), new Date()).catch(() => undefined), LOCK_TOUCH_MS);
      try {
        log(`building ${spec.name}…`);
        await buildInto(spec, hash, log);
        return 'built';
      } finally {
        clearInterval(touch);
        await rm(lock, { recursive: true, force: true });
      }
    }
    // Someone else is building: wait for them, then look again (their build may be ours).
    await new Promise((resolve) => setTimeout(resolve, 250));
    force = false;
  }
}
