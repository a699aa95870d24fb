import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../src/exit-codes.js';
import { BIN, runCli } from './helpers/cli.js';
import { freePort } from '../../../scripts/free-port.js';

const COMMANDS = [
  'serve',
  'migrate',
  'admin',
  'backup',
  'restore',
  'login',
  'logout',
  'import',
  'share',
  'list',
  'revoke',
  'rotate',
];

describe('chatshare --help', () => {
  it('lists every command, the environment and the exit codes', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(EXIT.ok);
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(result.stdout).toContain('CHATSHARE_CONFIG_DIR');
    expect(result.stderr).toBe('');
  });

  it.each(COMMANDS)('chatshare %s --help exits 0 with its usage', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(new RegExp(`^Usage: chatshare ${command}\\b`));
  });

  it('documents the same exit codes as the README, which are the ones the code uses', async () => {
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    const cli = readme.slice(readme.indexOf('## CLI'), readme.indexOf('\n## ', readme.indexOf('## CLI') + 1));
    const documented = [...cli.matchAll(/^\| (\d) +\|/gm)].map((match) => Number(match[1]));
    expect(documented).toEqual(Object.values(EXIT));
    const help = (await runCli(['--help'])).stdout;
    expect([...help.matchAll(/^ {2}(\d) {2}\S/gm)].map((match) => Number(match[1]))).toEqual(Object.values(EXIT));
  });

  it('prints the version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it.each([[['frobnicate']], [['list', '--bogus']], [['share']], [[]]])(
    'gives exit 2 for the usage error %j',
    async (args) => {
      const result = await runCli(args);
      expect(result.code).toBe(EXIT.usage);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^error: .+ \(usage_error\)$|^Usage: chatshare/m);
    },
  );
});

describe('chatshare serve and migrate', () => {
  // The server's own configuration comes from the environment: only what these tests set.
  const serverEnv = (dataDir: string) => ({
    DATA_DIR: dataDir,
    DATABASE_URL: undefined,
    DATABASE_SCHEMA: undefined,
    REDIS_URL: undefined,
    PORT: undefined,
    HOST: undefined,
    PUBLIC_URL: undefined,
    LOG_LEVEL: 'silent',
  });

  it('migrate applies the migrations, then finds nothing to do', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-cli-migrate-'));
    const first = await runCli(['migrate'], { env: serverEnv(dataDir) });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(EXIT.ok);
    expect(first.stdout).toMatch(/^applied: /);
    const second = await runCli(['migrate'], { env: serverEnv(dataDir) });
    expect(second.stdout).toBe('the database is up to date\n');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serve starts the server on the port given', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-cli-serve-'));
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], {
      env: { ...process.env, ...serverEnv(dataDir) },
      stdio: 'ignore',
    });
    try {
      let health: unknown;
      for (let tries = 0; tries < 100 && health === undefined; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        health = await fetch(`http://127.0.0.1:${port}/healthz`)
          .then((response) => response.json())
          .catch(() => undefined);
      }
      expect(health).toEqual({ status: 'ok' });
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
