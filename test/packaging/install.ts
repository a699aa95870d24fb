/**
 * Installing packed tarballs the way an outside machine does: into a fresh folder under the
 * system's temp directory (never inside the repository, so nothing resolves through its
 * node_modules), from the registry plus the tarballs, no workspace links.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO } from '../../scripts/inputs-hash.js';

export const run = promisify(execFile);

/** npm with its output kept (shown when it fails); `--allow-scripts` lets better-sqlite3 compile. */
export async function npm(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('npm', [...args, '--no-audit', '--no-fund'], {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

/** A new folder outside the repository (its real path, so comparisons hold with symlinked /tmp). */
export async function outsideFolder(prefix: string): Promise<string> {
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), prefix)));
  if (dir.startsWith(REPO)) throw new Error(`${dir} is inside the repository`);
  return dir;
}

/** A fresh project whose package.json has these dependencies (tarball paths or registry ranges). */
export async function freshProject(prefix: string, dependencies: Record<string, string>): Promise<string> {
  const dir = await outsideFolder(prefix);
  const manifest = { name: 'consumer', private: true, type: 'module', dependencies };
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await npm(['install'], dir);
  return dir;
}
