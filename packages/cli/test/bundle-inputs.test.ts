/**
 * The two hand-kept lists of the CLI's bundle (build/bundle.ts), checked against the sources
 * they describe, so a new dependency or a new file read beside a module fails here in a second
 * rather than in the slow install test (test/packaging/cli-install.test.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../../scripts/inputs-hash.js';
import { RUNTIME_FILES } from '../build/bundle.js';

type Manifest = { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
const manifest = async (name: string): Promise<Manifest> =>
  JSON.parse(await readFile(path.join(REPO, 'packages', name, 'package.json'), 'utf8')) as Manifest;

const BUNDLED = ['core', 'client', 'react', 'server'];

describe("the CLI bundle's inputs", () => {
  it('declare every registry dependency of the packages it carries, with the same ranges', async () => {
    const cli = (await manifest('cli')).dependencies ?? {};
    const missing: string[] = [];
    for (const name of BUNDLED) {
      const { dependencies = {}, peerDependencies = {} } = await manifest(name);
      for (const [dependency, range] of Object.entries(dependencies)) {
        // Types are for the kit's consumers; the bundle carries no .d.ts.
        if (dependency.startsWith('@chatshare/') || dependency.startsWith('@types/')) continue;
        if (cli[dependency] !== range)
          missing.push(`${dependency}@${range} (from ${name}; cli has ${cli[dependency]})`);
      }
      // Peers the server renders with (React) must be real dependencies of the command.
      for (const dependency of Object.keys(peerDependencies)) {
        if (dependency.startsWith('@chatshare/') || dependency.startsWith('@types/')) continue;
        if (!(dependency in cli)) missing.push(`${dependency} (a peer of ${name})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('copy every file a bundled module finds beside itself with new URL(…, import.meta.url)', async () => {
    const found: string[] = [];
    for (const name of [...BUNDLED, 'web']) {
      const root = path.join(REPO, 'packages', name);
      for (const folder of ['src', 'build']) {
        const entries = await readdir(path.join(root, folder), { recursive: true }).catch(() => [] as string[]);
        for (const file of entries.filter((entry) => /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry))) {
          const absolute = path.join(root, folder, file);
          // Code only: the doc comments quote the pattern too.
          const source = (await readFile(absolute, 'utf8'))
            .split('\n')
            .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
            .join('\n');
          for (const match of source.matchAll(/new URL\(\s*'([^']+)',\s*import\.meta\.url\s*\)/g)) {
            found.push(
              path
                .relative(REPO, path.resolve(path.dirname(absolute), match[1]!))
                .split(path.sep)
                .join('/'),
            );
          }
        }
      }
    }
    // Only what the server or the CLI read matters: the web app's build scripts run in the
    // repository, and its paths module names its own folder (WEB_ROOT) without reading it.
    const loadedAtRunTime = found.filter(
      (file) => file !== 'packages/web' && (!file.startsWith('packages/web/') || file.startsWith('packages/web/dist')),
    );
    expect(loadedAtRunTime.length).toBeGreaterThan(3);
    const uncovered = loadedAtRunTime.filter(
      (file) => !RUNTIME_FILES.some((entry) => file === entry || file.replace(/\/$/, '').startsWith(`${entry}`)),
    );
    expect(uncovered).toEqual([]);
  });
});
