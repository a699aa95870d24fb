/**
 * The packed tarballs of the installable packages, made once per test run (and reused while
 * their inputs are unchanged): tests install these into folders outside the repository, the
 * way an outside developer installs from the registry. They are the same files `npm run pack`
 * writes into .packs/, which examples/chat-app installs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureCliBuilt } from '../../packages/cli/build/ensure-build.js';
import { ensureFresh } from '../../scripts/fresh-build.js';
import { REPO } from '../../scripts/inputs-hash.js';
import { packAll, PUBLISHED, type Tarballs } from '../../scripts/pack.js';

export const PACKS_DIR = path.join(REPO, '.packs');

const PACK_INPUTS = [
  ...['core', 'client', 'react', 'server', 'cli'].flatMap((name) => [
    `packages/${name}/src`,
    `packages/${name}/package.json`,
    `packages/${name}/README.md`,
    `packages/${name}/tsconfig.build.json`,
    `packages/${name}/build`,
    `packages/${name}/bin`,
  ]),
  'packages/web/dist/.build-stamp.json',
  'scripts',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
];

/** `npm pack` names the tarball of `@chatshare/react@0.1.0` `chatshare-react-0.1.0.tgz`. */
function tarballOf(name: string): string {
  const { version } = JSON.parse(readFileSync(path.join(REPO, 'packages', name, 'package.json'), 'utf8')) as {
    version: string;
  };
  return path.join(PACKS_DIR, `chatshare-${name}-${version}.tgz`);
}

async function pack(): Promise<Tarballs & { dir: string }> {
  const log = (line: string) => console.log(`[packs] ${line}`);
  // The owner app's build stamp is one of the inputs: make it current before hashing them.
  await ensureCliBuilt({ log });
  const build = async (dir: string) => void (await packAll(dir));
  await ensureFresh({ name: 'the package tarballs (.packs)', outDir: PACKS_DIR, inputs: PACK_INPUTS, build }, { log });
  const tarballs = Object.fromEntries(PUBLISHED.map((name) => [name, tarballOf(name)])) as Tarballs;
  return { ...tarballs, dir: PACKS_DIR };
}

let packing: Promise<Tarballs & { dir: string }> | undefined;

/** Absolute paths of the four tarballs, and their folder. */
export const packTarballs = (): Promise<Tarballs & { dir: string }> => (packing ??= pack());
