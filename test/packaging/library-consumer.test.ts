/**
 * @chatshare/core, /client and /react installed from their tarballs into a fresh project
 * outside the repository, with React 19 and with React 18.3 as the app's own: a consumer file
 * type-checks against the installed .d.ts (NodeNext, skipLibCheck off), compiles, and runs in
 * plain Node, rendering the kit's ConversationView (and an open ShareDialog, which a server render leaves
 * empty); React is installed once.
 */
import { copyFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../../scripts/inputs-hash.js';
import { freshProject, npm, run } from './install.js';
import { packTarballs } from './packs.js';

const CONSUMER = fileURLToPath(new URL('./consumer/', import.meta.url));

interface InstalledPackage {
  name?: string;
  path: string;
  resolved?: string;
  dependencies?: Record<string, InstalledPackage>;
}

/** Every package of an `npm ls --all --json --long` tree (the project itself first). */
const flatten = (node: InstalledPackage): InstalledPackage[] => [
  node,
  ...Object.values(node.dependencies ?? {}).flatMap(flatten),
];

const REACT_VERSIONS = [
  { react: '19.3.1', types: '19.3.0' },
  { react: '18.3.1', types: '^18.3.0' },
];

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe.each(REACT_VERSIONS)('the libraries in an app on React $react', ({ react, types }) => {
  it('type-check, run in plain Node and share one React', async () => {
    const tarballs = await packTarballs();
    console.log(`[library-consumer] installing the tarballs with React ${react}…`);
    const dir = await freshProject(`chatshare-consumer-${react}-`, {
      '@chatshare/core': tarballs.core,
      '@chatshare/client': tarballs.client,
      '@chatshare/react': tarballs.react,
      react,
      'react-dom': react,
      typescript: '5.9.3',
      '@types/react': types,
      '@types/react-dom': types,
    });
    folders.push(dir);

    // Installed from the tarballs: copied in, nothing linked into the repository.
    const tree = JSON.parse(await npm(['ls', '--all', '--json', '--long'], dir)) as InstalledPackage;
    const installed = flatten(tree);
    expect(installed.filter(({ path: where }) => !where.startsWith(dir) || where.startsWith(REPO))).toEqual([]);
    for (const name of ['core', 'client', 'react']) {
      // One copy (npm ls lists a deduplicated package under each dependent, at one path).
      const ours = installed.filter((item) => item.name === `@chatshare/${name}`);
      expect(new Set(ours.map((item) => item.path)).size).toBe(1);
      expect(ours[0]?.resolved).toMatch(/\.tgz$/);
    }
    const reactCopies = (await npm(['ls', 'react', '--all', '--parseable'], dir)).split('\n').filter(Boolean);
    expect(reactCopies).toEqual([path.join(dir, 'node_modules/react')]);
    const kit = JSON.parse(await readFile(path.join(dir, 'node_modules/@chatshare/react/package.json'), 'utf8')) as {
      peerDependencies: Record<string, string>;
      dependencies: Record<string, string>;
    };
    // The app's own React and SDK are the kit's (the app hands its client to the dialog).
    expect(Object.keys(kit.peerDependencies).sort()).toEqual([
      '@chatshare/client',
      '@types/react',
      'react',
      'react-dom',
    ]);
    for (const name of ['react', 'react-dom', '@chatshare/client']) expect(kit.dependencies).not.toHaveProperty(name);

    await copyFile(path.join(CONSUMER, 'consumer.tsx'), path.join(dir, 'consumer.tsx'));
    await copyFile(path.join(CONSUMER, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
    const tsc = path.join(dir, 'node_modules/typescript/bin/tsc');
    await run(process.execPath, [tsc, '-p', dir], { cwd: dir }).catch((error: { stdout?: string }) => {
      throw new Error(`the consumer does not type-check against the installed .d.ts:\n${error.stdout ?? ''}`);
    });

    // Plain Node, no loader: every import resolves to built JavaScript in node_modules.
    const { stdout } = await run(process.execPath, [path.join(dir, 'out/consumer.js')], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
    });
    const result = JSON.parse(stdout) as { page: string; dialog: string; titleLimit: number; isError: boolean };
    expect(result.page).toContain('<strong>a monad</strong>');
    expect(result.page).toContain('class="katex"');
    expect(result.page).toContain('hljs');
    // An open dialog rendered on a server is empty (no document to portal into), not a crash.
    expect(result.dialog).toBe('');
    expect(result.titleLimit).toBeGreaterThan(0);
    expect(result.isError).toBe(false);
  }, 300_000);
});
