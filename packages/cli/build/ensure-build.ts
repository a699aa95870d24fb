/**
 * Builds the `chatshare` command into packages/cli/dist when it is missing or stale
 * (scripts/fresh-build.ts): first the owner app it carries, then the bundle. Run by the root
 * `prestart` (so `npm start` serves the built command), `npm run build:cli`, `prepack`, and the
 * tests that run the command.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFresh, type EnsureOptions } from '../../../scripts/fresh-build.js';
import { REPO } from '../../../scripts/inputs-hash.js';
import { ensureBuilt as ensureWebBuilt } from '../../web/build/ensure-build.js';
import { bundleCli } from './bundle.js';

const CLI_BUILD_INPUTS = [
  'packages/cli/src',
  'packages/cli/build',
  'packages/cli/package.json',
  'packages/server/src',
  'packages/server/package.json',
  'packages/core/src',
  'packages/core/package.json',
  'packages/client/src',
  'packages/client/package.json',
  'packages/react/src',
  'packages/react/package.json',
  'packages/web/build/paths.ts',
  'packages/web/package.json',
  // The owner app's stamp stands for its whole build, which the bundle copies.
  'packages/web/dist/.build-stamp.json',
  'scripts',
  'package-lock.json',
  'tsconfig.json',
];

export async function ensureCliBuilt(options: EnsureOptions = {}): Promise<'fresh' | 'built'> {
  const web = await ensureWebBuilt({ ...options, force: false });
  return ensureFresh(
    {
      name: 'the chatshare command (packages/cli)',
      outDir: path.join(REPO, 'packages/cli/dist'),
      inputs: CLI_BUILD_INPUTS,
      build: bundleCli,
    },
    options,
  ).then((cli) => (web === 'built' ? 'built' : cli));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const force = process.argv.includes('--force');
  ensureCliBuilt({ force, log: (line) => console.log(line) }).catch((error: unknown) => {
    console.error('building the chatshare command failed:', error);
    process.exit(1);
  });
}
