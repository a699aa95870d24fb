/**
 * The fingerprint of everything the owner app's build reads: its own sources, the kit and the
 * SDK it bundles (and core, which they import), and the lockfile (dependency versions). Equal
 * fingerprints mean the build in dist/ is current, so `npm start` and the tests can skip it.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { WEB_ROOT } from './paths.js';

const REPO = path.resolve(WEB_ROOT, '../..');

/** Folders and files, relative to the repository root. */
export const BUILD_INPUTS = [
  'packages/web/src',
  'packages/web/index.html',
  'packages/web/publish.html',
  'packages/web/vite.config.ts',
  'packages/web/package.json',
  'packages/react/src',
  'packages/react/package.json',
  'packages/client/src',
  'packages/core/src',
  'packages/core/package.json',
  'packages/client/package.json',
  'package-lock.json',
];

async function filesUnder(relative: string): Promise<string[]> {
  const absolute = path.join(REPO, relative);
  let entries;
  try {
    entries = await readdir(absolute, { withFileTypes: true, recursive: true });
  } catch (error) {
    // A plain file (or a missing one, which the hash then simply leaves out).
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return [relative];
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(REPO, path.join(entry.parentPath, entry.name)));
}

/** SHA-256 over every input's path and bytes, in a fixed order. */
export async function inputsHash(): Promise<string> {
  const files = (await Promise.all(BUILD_INPUTS.map(filesUnder))).flat().sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(await readFile(path.join(REPO, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}
