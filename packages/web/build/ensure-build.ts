/**
 * Builds the owner app into dist/ when the build there is missing or was made from other
 * inputs. Run by the root `postinstall` (so `npm ci && npm start` serves it), again by
 * `prestart` (sources may have changed since), and by the browser tests. When the build is
 * current it only hashes the inputs (tens of milliseconds).
 *
 * The build goes to a temporary folder and replaces dist/ only when complete, so a server
 * never serves half a build; a lock folder keeps two processes (parallel test files) from
 * building at once.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputsHash } from './inputs.js';
import { BUILD_STAMP, WEB_DIST_DIR, WEB_ROOT } from './paths.js';
import { precompress } from './precompress.js';

const LOCK = path.join(WEB_ROOT, '.build-lock');
/** A lock older than this was left by a process that died. */
const STALE_LOCK_MS = 5 * 60_000;

export interface EnsureOptions {
  /** Build even when dist/ is current. */
  force?: boolean;
  log?: (line: string) => void;
}

async function builtHash(): Promise<string | null> {
  try {
    const stamp = JSON.parse(await readFile(path.join(WEB_DIST_DIR, BUILD_STAMP), 'utf8')) as { inputs?: unknown };
    return typeof stamp.inputs === 'string' ? stamp.inputs : null;
  } catch {
    return null;
  }
}

async function takeLock(): Promise<boolean> {
  try {
    await mkdir(LOCK);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - (await stat(LOCK).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > STALE_LOCK_MS) await rm(LOCK, { recursive: true, force: true });
    return false;
  }
}

/** Runs `vite build` in a child process: always a production build (React's production bundle),
 * whatever NODE_ENV this process has (vitest sets `test`), and none of Vite's memory stays here. */
function viteBuild(outDir: string): Promise<void> {
  const vitePackage = createRequire(import.meta.url).resolve('vite/package.json');
  const { bin } = JSON.parse(readFileSync(vitePackage, 'utf8')) as { bin: Record<string, string> };
  const cli = path.join(path.dirname(vitePackage), bin.vite!);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        cli,
        'build',
        '--config',
        path.join(WEB_ROOT, 'vite.config.ts'),
        '--outDir',
        outDir,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { cwd: WEB_ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

async function build(hash: string, log: (line: string) => void): Promise<void> {
  const temporary = path.join(WEB_ROOT, `.dist-${process.pid}`);
  const previous = path.join(WEB_ROOT, `.dist-old-${process.pid}`);
  await rm(temporary, { recursive: true, force: true });
  try {
    await viteBuild(temporary);
    await precompress(temporary);
    await writeFile(path.join(temporary, BUILD_STAMP), `${JSON.stringify({ inputs: hash })}\n`);
    await rename(WEB_DIST_DIR, previous).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(temporary, WEB_DIST_DIR);
    await rm(previous, { recursive: true, force: true });
    log(`owner app built into ${path.relative(process.cwd(), WEB_DIST_DIR) || WEB_DIST_DIR}`);
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

/** Resolves once dist/ holds a build of the current inputs: `fresh` if it already did. */
export async function ensureBuilt(options: EnsureOptions = {}): Promise<'fresh' | 'built'> {
  const log = options.log ?? (() => undefined);
  for (;;) {
    const hash = await inputsHash();
    if (!options.force && (await builtHash()) === hash) return 'fresh';
    if (await takeLock()) {
      try {
        log('building the owner app (packages/web)…');
        await build(hash, log);
        return 'built';
      } finally {
        await rm(LOCK, { recursive: true, force: true });
      }
    }
    // Someone else is building: wait for them, then look again (their build may be ours).
    await new Promise((resolve) => setTimeout(resolve, 250));
    options = { ...options, force: false };
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const force = process.argv.includes('--force');
  ensureBuilt({ force, log: (line) => console.log(line) }).catch((error: unknown) => {
    console.error('building the owner app failed:', error);
    process.exit(1);
  });
}
