/**
 * The server as a real child process, for tests that signal it, kill it or watch it exit:
 * started on a free loopback port (or the one given), polled until it answers, stopped by
 * signal. Either `chatshare serve` as installed (`cli`) or the server's own entry point run
 * from source (`source`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../../scripts/free-port.js';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

const COMMANDS = {
  cli: ['packages/cli/bin/chatshare.js', 'serve'],
  source: ['--conditions=@chatshare/source', '--import', 'tsx', 'packages/server/src/main.ts'],
};

export interface ServerProcessOptions {
  entry: keyof typeof COMMANDS;
  /** The port to listen on; a free one by default. */
  port?: number;
  /** A throwaway DATA_DIR (this prefix in the temp folder), removed by `stop`. */
  tempDataDir?: string;
  /** The environment besides PATH and PORT, given the address once it is known. */
  env: (where: { port: number; base: string; dataDir: string | null }) => Record<string, string>;
  /** The path that answers 200 once the server is ready. */
  readyPath: '/healthz' | '/readyz';
  timeoutMs?: number;
}

export interface ServerProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:port` */
  base: string;
  port: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The exit code once the process has exited (128 for a signal); null while it runs. */
  exitCode(): number | null;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM unless it has exited, then its exit code; removes a temporary DATA_DIR. */
  stop(): Promise<number | null>;
}

/** Starts the server and resolves once `readyPath` answers 200; stops it and throws if it never does. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const dataDir = options.tempDataDir ? await mkdtemp(path.join(tmpdir(), options.tempDataDir)) : null;
  const child = spawn(process.execPath, COMMANDS[options.entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env({ port, base, dataDir }), PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let code: number | null = null;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (exitCode, signal) => {
      code = exitCode ?? (signal ? 128 : 1);
      resolve({ code: exitCode, signal });
    }),
  );
  const server: ServerProcess = {
    child,
    base,
    port,
    exited,
    exitCode: () => code,
    output: () => output,
    async stop() {
      if (code === null) child.kill('SIGTERM');
      const { code: exitCode } = await exited;
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      return exitCode;
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  while (code === null && Date.now() < deadline) {
    const ready = await fetch(`${base}${options.readyPath}`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return server;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const exitedEarly = code !== null;
  await server.stop();
  throw new Error(`the server ${exitedEarly ? 'exited while starting' : 'did not become ready'}:\n${output}`);
}
