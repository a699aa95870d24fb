/**
 * The two origins of the example test: a chatshare server in this process (the repo's test
 * app, on loopback, clock at now, PUBLIC_URL its own address) and the built example served by
 * `vite preview` in a child process, which proxies /api/v1 to chatshare with the API token.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { buildTestApp, type TestApp } from '../../packages/server/test/helpers/app.js';
import { signUp, type TestUser } from '../../packages/server/test/helpers/api.js';
import { freePort } from '../../scripts/free-port.js';

export interface Chatshare {
  t: TestApp;
  base: string;
  /** A new account with an API token, made through the API (sign-up, then POST /tokens). */
  newUser(): Promise<TestUser>;
  close(): Promise<void>;
}

/** A chatshare server on 127.0.0.1. */
export async function startChatshare(): Promise<Chatshare> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // Links in the dialog are built from PUBLIC_URL: this very server, so a browser can open them.
  const t = await buildTestApp({ publicUrl: base });
  // Real time, so the cookies and dates a browser sees are not from the test clock's past.
  t.clock.set(new Date());
  await t.app.listen({ port, host: '127.0.0.1' });
  return { t, base, newUser: () => signUp(t.app), close: () => t.close() };
}

export interface Preview {
  base: string;
  child: ChildProcess;
  /** Everything the child printed so far. */
  output(): string;
  close(): Promise<void>;
}

/** Resolves once the child has exited (at once if it already has). */
function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Starts `vite preview` of the built project; resolves when it answers, or rejects with its output. */
export async function startPreview(dir: string, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<Preview> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawnVite(dir, ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], env);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const preview: Preview = {
    base,
    child,
    output: () => output,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited(child);
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(base).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return preview;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await preview.close();
  throw new Error(`vite preview did not answer within ${timeoutMs} ms:\n${output}`);
}

/** Vite from the project's own node_modules, run by this Node (no npx wrapper to outlive a kill). */
export function spawnVite(dir: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [path.join(dir, 'node_modules', 'vite', 'bin', 'vite.js'), ...args], {
    cwd: dir,
    // Only what the app is meant to read: no CHATSHARE_* from the developer's shell leaks in.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs vite to completion; resolves to its exit code and output. */
export async function runVite(
  dir: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  const child = spawnVite(dir, args, env);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const code = await exited(child);
  return { code, output };
}
