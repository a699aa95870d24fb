/**
 * The `chatshare` command installed from its tarball with `npm install -g` into a temp prefix,
 * then `chatshare serve` from an empty folder: the whole service (API, owner app, share pages,
 * preview images with their fonts, migrations) from built JavaScript, with nothing of the
 * repository on its module path.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../../scripts/inputs-hash.js';
import { npm, outsideFolder, run } from './install.js';
import { packTarballs } from './packs.js';
import { freePort } from '../../scripts/free-port.js';

let prefix = '';
let home = '';
let server: ChildProcess | undefined;
let output = '';
let base: string;

beforeAll(async () => {
  const { cli } = await packTarballs();
  prefix = await outsideFolder('chatshare-prefix-');
  console.log('[cli-install] npm install -g (better-sqlite3 compiles: about a minute)…');
  await npm(['install', '--global', '--prefix', prefix, '--allow-scripts=better-sqlite3', cli], prefix);
  home = await outsideFolder('chatshare-serve-');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Only PATH and HOME: no NODE_OPTIONS, NODE_PATH or npm_* variables from this test run.
  server = spawn(path.join(prefix, 'bin', 'chatshare'), ['serve', '--port', String(port)], {
    cwd: home,
    env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: home, PUBLIC_URL: base },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let attempt = 0; attempt < 200; attempt++) {
    const up = await fetch(`${base}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return;
    if (server.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`chatshare serve did not come up:\n${output}`);
  // Packing every workspace and compiling better-sqlite3 take minutes on a busy machine.
}, 600_000);

afterAll(async () => {
  // Stopped before its folder goes: it still writes to its database while shutting down.
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server!.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  // Either folder is missing when the set-up failed before making it.
  for (const folder of [prefix, home]) if (folder) await rm(folder, { recursive: true, force: true });
});

async function json<T>(method: string, url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { 'content-type': 'application/json', origin: base, ...headers },
    body: JSON.stringify(body),
  });
  expect(response.status, `${method} ${url}`).toBeLessThan(300);
  return { body: (await response.json()) as T, response };
}

describe('chatshare installed globally from its tarball', () => {
  it('is built JavaScript whose modules all resolve inside the install prefix', async () => {
    const installed = await realpath(path.join(prefix, 'lib/node_modules/@chatshare/cli'));
    expect(installed.startsWith(prefix)).toBe(true);
    const files = await readdir(installed, { recursive: true });
    expect(files.filter((file) => /\.tsx?$/.test(file) && !file.includes('node_modules'))).toEqual([]);
    const manifest = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).filter((name) => /^(tsx|typescript|@chatshare\/)/.test(name))).toEqual(
      [],
    );
    const { stdout } = await run(path.join(prefix, 'bin', 'chatshare'), ['--version'], { cwd: home });
    expect(stdout.trim()).toBe('0.1.0');
    // Nothing the running server loaded comes from the repository.
    const maps = (await readFile(`/proc/${server!.pid}/maps`, 'utf8')).split('\n');
    expect(maps.filter((line) => line.includes(REPO))).toEqual([]);
  });

  it('serves the health check, the owner app and the API docs, with its data under ./data', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const app = await fetch(`${base}/app/`);
    expect(app.status).toBe(200);
    const html = await app.text();
    const script = /<script[^>]+src="(\/app\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${base}${script}`)).status).toBe(200);
    expect((await fetch(`${base}/api/docs/json`)).status).toBe(200);
    expect(await readdir(path.join(home, 'data'))).toContain('chatshare.sqlite');
    expect(output).toContain('database: sqlite');
  });

  it('shares a conversation whose page, stylesheets, Markdown and preview image are served', async () => {
    const signup = await json('POST', '/api/v1/auth/signup', { email: 'me@example.com', password: 'a long password' });
    const cookie = signup.response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const { body: token } = await json<{ token: string }>('POST', '/api/v1/tokens', { name: 'test' }, { cookie });
    const auth = { authorization: `Bearer ${token.token}` };
    const { body: conversation } = await json<{ id: string }>(
      'POST',
      '/api/v1/conversations',
      [
        { role: 'user', content: 'What is $a^2 + b^2$?' },
        { role: 'assistant', content: 'It is **Pythagoras**:\n\n```js\nconst c = Math.hypot(a, b);\n```' },
      ],
      auth,
    );
    const { body: share } = await json<{ shortCode: string }>(
      'POST',
      '/api/v1/shares',
      { conversationId: conversation.id, privacy: 'unlisted' },
      auth,
    );
    const page = await fetch(`${base}/s/${share.shortCode}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Pythagoras');
    expect(html).toContain('class="katex"');
    const stylesheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1]!);
    expect(stylesheets.length).toBeGreaterThanOrEqual(2);
    for (const href of stylesheets) expect((await fetch(`${base}${href}`)).status, href).toBe(200);
    expect(await (await fetch(`${base}/s/${share.shortCode}.md`)).text()).toContain('Math.hypot');
    const image = await fetch(`${base}/s/${share.shortCode}/og.png`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
  });
});
