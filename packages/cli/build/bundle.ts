/**
 * Bundles the `chatshare` command into one installable package: the CLI, the server, core and
 * the kit become JavaScript in dist/ (esbuild, ESM, split so `list` never loads the server),
 * while every package from the registry stays an ordinary dependency of @chatshare/cli
 * (better-sqlite3 compiles on install, React must be one copy, fonts are read from their
 * packages). Files the code reads beside itself (stylesheets, the built owner app) are copied
 * into dist/packages/, mirroring the repository, and each workspace module's `import.meta.url`
 * is pointed at its mirrored place, so `new URL('../views/page.css', import.meta.url)` finds
 * the same file installed as it does in the repository.
 */
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { REPO } from '../../../scripts/inputs-hash.js';

const CLI_ROOT = path.join(REPO, 'packages/cli');
/** Workspace packages compiled into the bundle; their modules' own location is kept. */
const INLINED = /^@chatshare\//;
/** The files workspace modules read at run time, relative to the repository. */
export const RUNTIME_FILES = [
  'packages/react/src/styles/tokens.css',
  'packages/react/src/share/share.css',
  'packages/react/src/styles/conversation.css',
  'packages/server/src/views/page.css',
  'packages/server/src/views/explore.css',
  'packages/server/src/views/landing.css',
  'packages/web/dist',
];

/** Workspace modules whose location is mirrored, by their path in the repository. */
const MIRRORED = /^packages\/(core|client|react|server|web)\//;

/** Everything but our own packages and relative paths is imported from node_modules at run time. */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      INLINED.test(args.path) || args.path.startsWith('node:') ? undefined : { path: args.path, external: true },
    );
  },
};

/** Points `import.meta.url` of every inlined module (not the CLI's own, already beside dist/) at its mirror. */
const keepModuleLocations: Plugin = {
  name: 'keep-module-locations',
  setup(builder) {
    builder.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      const relative = path.relative(REPO, args.path).split(path.sep).join('/');
      if (!MIRRORED.test(relative)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const mirrored = `./${relative}`;
      return {
        contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(mirrored)}, import.meta.url).href`),
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      };
    });
  },
};

/** The registry packages the bundle imports, by package name (`katex/dist/x.css` is `katex`). */
function importedPackages(outputs: Record<string, { imports: { path: string; external?: boolean }[] }>): Set<string> {
  const names = new Set<string>();
  for (const output of Object.values(outputs)) {
    for (const { path: specifier, external } of output.imports) {
      if (!external || specifier.startsWith('node:')) continue;
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
    }
  }
  return names;
}

/** Writes the bundle into `outDir` and refuses a bundle that imports a package the CLI does not depend on. */
export async function bundleCli(outDir: string): Promise<void> {
  const result = await build({
    absWorkingDir: REPO,
    entryPoints: { main: path.join(CLI_ROOT, 'src/main.ts') },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    conditions: ['@chatshare/source'],
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [externalPackages, keepModuleLocations],
  });
  const manifest = JSON.parse(await readFile(path.join(CLI_ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const declared = new Set(Object.keys(manifest.dependencies ?? {}));
  const missing = [...importedPackages(result.metafile.outputs)].filter((name) => !declared.has(name));
  if (missing.length > 0) {
    throw new Error(`packages/cli/package.json must list these dependencies of the bundle: ${missing.join(', ')}`);
  }
  for (const file of RUNTIME_FILES) {
    await cp(path.join(REPO, file), path.join(outDir, file), { recursive: true });
  }
}
