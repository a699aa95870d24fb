/**
 * The fingerprint of a build's inputs: SHA-256 over every input file's path and bytes, in a
 * fixed order. Equal fingerprints mean a build made from them is current, so `npm start` and
 * the tests can skip it.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../', import.meta.url));

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

/** `inputs` are folders and files relative to the repository root; tests are left out. */
export async function inputsHash(inputs: readonly string[]): Promise<string> {
  const files = (await Promise.all(inputs.map(filesUnder))).flat().sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(await readFile(path.join(REPO, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}
