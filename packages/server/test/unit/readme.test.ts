/** The README's curl walk-through, run as written against a real server process. */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../../../scripts/free-port.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
let base: string;
let server: ReturnType<typeof spawn>;

beforeAll(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-readme-'));
  server = spawn(process.execPath, ['packages/cli/bin/chatshare.js', 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    if (
      await fetch(`${base}/healthz`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not start');
}, 30_000);

afterAll(() => void server?.kill('SIGTERM'));

it('runs the walk-through and reads the shared conversation anonymously', async () => {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8');
  const block = readme.match(/<!-- walkthrough:start -->\s*```bash\n([\s\S]*?)```/)![1]!;
  const cwd = await mkdtemp(path.join(tmpdir(), 'chatshare-walkthrough-'));
  const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', block], {
    cwd,
    env: { PATH: process.env.PATH ?? '', BASE: base },
  });
  expect(stdout).toMatch(new RegExp(`shared at ${base}/s/[0-9A-Za-z]{12}`));
  expect(stdout).toContain('What is the capital of France?\nThe capital of France is Paris.');
}, 30_000);
