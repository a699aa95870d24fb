/**
 * The example app (examples/chat-app) as an outside developer gets it: copied out of the
 * repository into a temp folder, its `file:` specs pointed at the packed tarballs, installed
 * with npm from the registry (no workspace links), type-checked and built there.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
export const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples', 'chat-app');

/** Left behind by a developer's own install or build; an outside copy starts without them. */
const NOT_COPIED = new Set(['node_modules', 'dist', 'package-lock.json']);

export interface Tarballs {
  core: string;
  client: string;
  react: string;
  cli: string;
}

export interface ReactVariant {
  /** For test names and log lines. */
  name: string;
  /** Version ranges written over the example's own (none: keep React 19 as the example has it). */
  overrides: Record<string, string>;
}

/**
 * Left out of the test's installs: the app never imports it (it is there for `chatshare serve`),
 * and it costs a native SQLite build of about a minute. test/packaging/cli-install.test.ts
 * installs and runs it from its tarball.
 */
export const NOT_INSTALLED = '@chatshare/cli';

export const log = (line: string) => console.log(`[example-app] ${line}`);

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; a failure carries its output, so the test report shows why. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; allowFailure?: boolean },
): Promise<RunResult & { code: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs ?? 180_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        if (error && !options.allowFailure) {
          reject(new Error(`${command} ${args.join(' ')} failed (${code}) in ${options.cwd}:\n${stdout}\n${stderr}`));
          return;
        }
        resolve({ stdout, stderr, code });
      },
    );
  });
}

type PackageJson = Record<string, unknown> & {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The example's package.json with every `file:` spec pointed at the tarball it names. */
export function rewriteSpecs(pkg: PackageJson, tarballs: Tarballs, variant: ReactVariant): PackageJson {
  const byName: Record<string, string> = {
    '@chatshare/core': tarballs.core,
    '@chatshare/client': tarballs.client,
    '@chatshare/react': tarballs.react,
    '@chatshare/cli': tarballs.cli,
  };
  const point = (deps: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(deps)
        .filter(([name]) => name !== NOT_INSTALLED)
        .map(([name, spec]) => {
          if (!spec.startsWith('file:')) return [name, variant.overrides[name] ?? spec];
          const tarball = byName[name];
          if (!tarball) throw new Error(`examples/chat-app depends on ${name} by ${spec}: no tarball for it`);
          return [name, `file:${tarball}`];
        }),
    );
  const dependencies = point(pkg.dependencies);
  const devDependencies = point(pkg.devDependencies);
  for (const name of Object.keys(variant.overrides)) {
    if (!(name in dependencies) && !(name in devDependencies)) {
      throw new Error(`the React variant overrides ${name}, which examples/chat-app does not depend on`);
    }
  }
  return { ...pkg, dependencies, devDependencies };
}

export interface ExampleProject {
  dir: string;
  remove(): Promise<void>;
}

/** A fresh copy of the example under the OS temp folder, with specs rewritten (not installed). */
export async function copyExample(tarballs: Tarballs, variant: ReactVariant): Promise<ExampleProject> {
  // realpath: on some systems the temp folder is a symlink, and paths are compared below.
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), 'chatshare-example-')));
  await cp(EXAMPLE_DIR, dir, {
    recursive: true,
    filter: (source) => !NOT_COPIED.has(path.basename(source)) || path.dirname(source) !== EXAMPLE_DIR,
  });
  const file = path.join(dir, 'package.json');
  const pkg = JSON.parse(await readFile(file, 'utf8')) as PackageJson;
  await writeFile(file, `${JSON.stringify(rewriteSpecs(pkg, tarballs, variant), null, 2)}\n`);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function npmInstall(dir: string): Promise<void> {
  // --prefer-offline: the registry is asked only for what the npm cache lacks.
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, timeoutMs: 200_000 });
}

/**
 * `tsc` over the project with every .d.ts checked. The app's own tsconfig skips library checks,
 * as Vite's templates do; this one does not, so a broken declaration in the kit, client or core
 * fails. Resolves to tsc's output and exit code.
 */
export async function typecheck(dir: string): Promise<{ code: number; output: string }> {
  await writeFile(
    path.join(dir, 'tsconfig.check.json'),
    `${JSON.stringify({ extends: './tsconfig.json', compilerOptions: { skipLibCheck: false } })}\n`,
  );
  const tsc = await run(
    process.execPath,
    [path.join(dir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.check.json', '--pretty', 'false'],
    { cwd: dir, allowFailure: true },
  );
  return { code: tsc.code, output: `${tsc.stdout}${tsc.stderr}`.trim() };
}

/** Where Node's ESM resolution finds `specifier` from the project folder, symlinks resolved. */
export async function resolveFrom(dir: string, specifier: string): Promise<string> {
  // Node 20 has no import.meta.resolve with a parent; an eval module's parent is the cwd.
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', `console.log(import.meta.resolve(${JSON.stringify(specifier)}))`],
    { cwd: dir },
  );
  return realpath(fileURLToPath(stdout.trim()));
}

interface LsNode {
  path?: string;
  resolved?: string;
  dependencies?: Record<string, LsNode>;
}

/** Every installed package (name@path, resolved), from `npm ls --all --long --json`. */
export async function installedPackages(dir: string): Promise<{ name: string; path: string; resolved: string }[]> {
  // npm ls exits 1 on problems such as a peer dependency mismatch; the JSON still comes.
  const { stdout } = await run('npm', ['ls', '--all', '--long', '--json'], { cwd: dir, allowFailure: true });
  const found = new Map<string, { name: string; path: string; resolved: string }>();
  const walk = (deps: Record<string, LsNode> | undefined) => {
    for (const [name, node] of Object.entries(deps ?? {})) {
      if (node.path && !found.has(node.path)) {
        found.set(node.path, { name, path: node.path, resolved: node.resolved ?? '' });
        walk(node.dependencies);
      }
    }
  };
  walk((JSON.parse(stdout) as LsNode).dependencies);
  return [...found.values()];
}

/** The sources of every source map `vite build` wrote, as absolute paths. */
export async function bundleSources(dir: string): Promise<string[]> {
  const assets = path.join(dir, 'dist', 'assets');
  const maps = (await readdir(assets)).filter((name) => name.endsWith('.js.map'));
  if (maps.length === 0) throw new Error(`no source maps in ${assets}: was BUILD_SOURCEMAP=1 honoured?`);
  const sources: string[] = [];
  for (const name of maps) {
    const map = JSON.parse(await readFile(path.join(assets, name), 'utf8')) as {
      sources: string[];
      sourceRoot?: string;
    };
    for (const source of map.sources) sources.push(path.resolve(assets, map.sourceRoot ?? '', source));
  }
  return sources;
}

/** The package folders (…/node_modules/NAME) that bundled files come from. */
export function packageRoots(sources: string[], name: string): string[] {
  const marker = `/node_modules/${name}/`;
  return [
    ...new Set(
      sources
        .filter((file) => file.includes(marker))
        .map((file) => file.slice(0, file.lastIndexOf(marker) + marker.length - 1)),
    ),
  ];
}
