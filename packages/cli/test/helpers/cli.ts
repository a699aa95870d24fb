/**
 * Runs the real `chatshare` binary in a child process, the way a user or a script would:
 * its own config folder, stdin piped (so never a terminal), NO_COLOR set. Asynchronous on
 * purpose: the server answering it lives in this very process.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/chatshare.js', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../../../core/test/fixtures/', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Written to stdin, which is then closed (always closed, so nothing waits on it). */
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  cwd?: string;
  timeoutMs?: number;
}

/** The developer's own CHATSHARE_* settings must not leak into a test. */
function baseEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  for (const name of Object.keys(env)) if (name.startsWith('CHATSHARE_')) delete env[name];
  return env;
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...baseEnv(), ...options.env },
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** A CLI bound to one server and one config folder: `cli(['list'])`. */
export interface BoundCli {
  (args: string[], options?: CliOptions): Promise<CliResult>;
  configDir: string;
  cleanup(): Promise<void>;
}

export async function boundCli(env: Record<string, string> = {}): Promise<BoundCli> {
  const configDir = await mkdtemp(path.join(tmpdir(), 'chatshare-cli-config-'));
  const cli = ((args: string[], options: CliOptions = {}) =>
    runCli(args, { ...options, env: { CHATSHARE_CONFIG_DIR: configDir, ...env, ...options.env } })) as BoundCli;
  cli.configDir = configDir;
  cli.cleanup = () => rm(configDir, { recursive: true, force: true });
  return cli;
}

/** Anything a terminal would interpret: ESC sequences, carriage returns, other C0 controls. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/;
