/**
 * `npm run pack`: builds the installable packages and packs them into .packs/ (or the folder
 * given as the first argument), exactly the tarballs `npm publish` would upload. The example
 * app and the packaging tests install these. Each package's `prepack` builds it; the libraries'
 * dist/ folders are removed first so a deleted source file never survives in a tarball.
 */
import { execFile } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { REPO } from './inputs-hash.js';

/** The packages an outside app or machine installs, in dependency order. */
export const PUBLISHED = ['core', 'client', 'react', 'cli'] as const;
export type PublishedName = (typeof PUBLISHED)[number];

/** `npm pack` names a tarball of `@chatshare/react@0.1.0` `chatshare-react-0.1.0.tgz`. */
export type Tarballs = Record<PublishedName, string>;

export async function packAll(destination: string): Promise<Tarballs> {
  await mkdir(destination, { recursive: true });
  for (const name of PUBLISHED) {
    if (name !== 'cli') await rm(path.join(REPO, 'packages', name, 'dist'), { recursive: true, force: true });
  }
  const { stdout } = await promisify(execFile)(
    'npm',
    ['pack', '--json', '--pack-destination', destination, ...PUBLISHED.flatMap((name) => ['-w', `@chatshare/${name}`])],
    { cwd: REPO, maxBuffer: 64 * 1024 * 1024 },
  );
  // Lifecycle scripts print before the JSON; the report is the last top-level array.
  const report = JSON.parse(stdout.slice(stdout.lastIndexOf('\n[') + 1)) as { name: string; filename: string }[];
  const tarballs: Partial<Tarballs> = {};
  for (const name of PUBLISHED) {
    const entry = report.find((item) => item.name === `@chatshare/${name}`);
    if (!entry) throw new Error(`npm pack did not pack @chatshare/${name}`);
    tarballs[name] = path.join(destination, entry.filename);
  }
  return tarballs as Tarballs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const destination = path.resolve(process.argv[2] ?? path.join(REPO, '.packs'));
  packAll(destination).then(
    (tarballs) => {
      for (const file of Object.values(tarballs)) console.log(path.relative(process.cwd(), file));
    },
    (error: unknown) => {
      console.error('packing failed:', error);
      process.exit(1);
    },
  );
}
