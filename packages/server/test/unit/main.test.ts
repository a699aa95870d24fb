/** The real entry point, as `npm start` runs it (the built `chatshare serve`): boots, serves, stops on SIGTERM; refuses bad config. */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../../scripts/free-port.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = path.join(root, 'packages/cli/bin/chatshare.js');

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [cli, 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, output: () => output };
}

describe('the server process', () => {
  it('serves /healthz with embedded SQLite under DATA_DIR and exits cleanly on SIGTERM', async () => {
    const port = await freePort();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-main-'));
    const server = start({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    let body = '';
    for (let attempt = 0; attempt < 100 && !body; attempt++) {
      body = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.text(),
        () => new Promise<string>((resolve) => setTimeout(() => resolve(''), 100)),
      );
    }
    expect(JSON.parse(body)).toEqual({ status: 'ok' });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('database: sqlite');
  }, 30_000);

  it('refuses to boot with a readable list of configuration problems', async () => {
    const server = start({
      PORT: 'x',
      DATABASE_URL: 'mysql://nope',
      DATA_DIR: tmpdir(),
      CORS_ORIGINS: 'https://ok.example, *, https://app.example/path, chat.example',
    });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('Invalid configuration');
    expect(server.output()).toContain('PORT must be a whole number');
    expect(server.output()).toContain('DATABASE_URL must start with');
    expect(server.output()).toContain('CORS_ORIGINS: "*" is a wildcard, never allowed');
    expect(server.output()).toContain('CORS_ORIGINS: "https://app.example/path" must be an origin only');
    expect(server.output()).toContain('CORS_ORIGINS: "chat.example" is not an origin');
    expect(server.output()).not.toContain('"https://ok.example"');
  }, 30_000);
});
