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
import { isBuiltin } from 'node:module';
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

/**
 * Registry packages compiled into the bundle after all, with everything they import. Node
 * finds, reads, compiles and links every file of a package in node_modules one by one at each
 * start: typebox is ~680 ES modules, kysely ~260, ajv, fastify and its helpers, highlight.js
 * and prom-client hundreds more CommonJS files, which together were about half of
 * `chatshare serve`'s start-up (bench/startup). Bundled, each is a few functions in one file.
 * Only packages that read no file beside themselves (no `__dirname`, no `require.resolve` of
 * their own files at run time), load no native addon, and whose state no package left in
 * node_modules shares, belong here. React stays outside (react-dom and the kit must see the
 * same copy), as do @fastify/static (@fastify/swagger-ui, outside because it serves files
 * beside itself, registers the same copy), the preview-image stack (native resvg, fonts read
 * from their packages, loaded only when a card is drawn), pg and better-sqlite3 (optional and
 * native addons), ioredis and nodemailer (loaded only when configured) and qrcode.
 * They all stay dependencies of @chatshare/cli (test/bundle-inputs.test.ts).
 */
export const INLINED_PACKAGES = [
  // ES modules
  'typebox',
  'kysely',
  'markdown-it',
  '@streamparser/json',
  'i18next',
  'lru-cache',
  'string-width',
  'env-paths',
  // CommonJS, through the `require` the banner below defines
  'fastify',
  'fastify-plugin',
  'ajv',
  'ajv-formats',
  '@fastify/accept-negotiator',
  '@fastify/cookie',
  '@fastify/cors',
  '@fastify/formbody',
  '@fastify/multipart',
  '@fastify/rate-limit',
  'highlight.js',
  'katex',
  '@vscode/markdown-it-katex',
  'markdown-it-task-lists',
  'prom-client',
  'commander',
  // Reads its own package.json only for defaults plugins/openapi.ts sets (and finds none).
  '@fastify/swagger',
];
/** Never inlined, even when an inlined package imports them: there must be one copy. */
const SHARED_PACKAGES = ['react', 'react-dom'];

/**
 * CommonJS inside an ES module bundle: esbuild's `__require` (for the Node built-ins and
 * externals that inlined CommonJS asks for) uses `require` when one is in scope.
 */
const REQUIRE_BANNER =
  "import { createRequire as __chatshareCreateRequire } from 'node:module'; " +
  'const require = __chatshareCreateRequire(import.meta.url);';

const packageName = (specifier: string) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
};
const insideNodeModules = (file: string) => file.split(path.sep).includes('node_modules');

/** Whether a bare specifier stays an import from node_modules at run time. */
function staysExternal(specifier: string, importer: string): boolean {
  // Node's built-ins (`node:fs`, and the `fs` CommonJS packages ask for) esbuild leaves to Node.
  if (INLINED.test(specifier) || isBuiltin(specifier)) return false;
  const name = packageName(specifier);
  if (SHARED_PACKAGES.includes(name)) return true;
  // What an inlined package imports is inlined with it.
  return !INLINED_PACKAGES.includes(name) && !insideNodeModules(importer);
}

/**
 * Everything but our own packages, INLINED_PACKAGES (and what they import) and relative paths
 * is imported from node_modules at run time.
 */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      staysExternal(args.path, args.importer) ? { path: args.path, external: true } : undefined,
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
      if (!external || isBuiltin(specifier)) continue;
      names.add(packageName(specifier));
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
    // Smaller to parse at each start (Node compiles every module of the server chunk before
    // running it); names are kept, error classes and plugins go by theirs.
    minify: true,
    keepNames: true,
    sourcemap: 'linked',
    banner: { js: REQUIRE_BANNER },
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
