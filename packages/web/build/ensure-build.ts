/**
 * Builds the owner app into dist/ when the build there is missing or was made from other
 * inputs (scripts/fresh-build.ts). Run by the root `postinstall` (so `npm ci && npm start`
 * serves it), again by `prestart` (sources may have changed since), by the CLI's build (which
 * carries these files) and by the browser tests.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFresh, type EnsureOptions } from '../../../scripts/fresh-build.js';
import { WEB_BUILD_INPUTS } from './inputs.js';
import { WEB_DIST_DIR, WEB_ROOT } from './paths.js';
import { precompress } from './precompress.js';

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

/** Resolves once dist/ holds a build of the current inputs: `fresh` if it already did. */
export const ensureBuilt = (options: EnsureOptions = {}): Promise<'fresh' | 'built'> =>
  ensureFresh(
    {
      name: 'the owner app (packages/web)',
      outDir: WEB_DIST_DIR.replace(/[\\/]$/, ''),
      inputs: WEB_BUILD_INPUTS,
      build: async (dir) => {
        await viteBuild(dir);
        await precompress(dir);
      },
    },
    options,
  );

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const force = process.argv.includes('--force');
  ensureBuilt({ force, log: (line) => console.log(line) }).catch((error: unknown) => {
    console.error('building the owner app failed:', error);
    process.exit(1);
  });
}
