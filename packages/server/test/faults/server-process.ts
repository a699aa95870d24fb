/**
 * The server as a real child process (its own entry point, from source), so a fault that
 * would end the process shows up as an exit, and a few fetch helpers for talking to it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../../scripts/free-port.js';
import { buildConversation } from '../helpers/api.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ServerProcess {
  base: string;
  /** The exit code, once the process has exited; null while it runs. */
  exitCode(): number | null;
  output(): string;
  stop(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-fault-'));
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ['--conditions=@chatshare/source', '--import', 'tsx', 'packages/server/src/main.ts'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: base,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let code: number | null = null;
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (exitCode, signal) => {
      code = exitCode ?? (signal ? 128 : 1);
      resolve();
    }),
  );
  const server: ServerProcess = {
    base,
    exitCode: () => code,
    output: () => output,
    async stop() {
      if (code === null) child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  for (let attempt = 0; attempt < 300; attempt++) {
    if (code !== null) break;
    const ready = await fetch(`${base}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return server;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await server.stop();
  throw new Error(`the server did not become ready:\n${output}`);
}

/** A user with an API token, a conversation and an unlisted share of it, made over HTTP. */
export async function seedShare(base: string): Promise<{ token: string; code: string }> {
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `owner-${Date.now()}@example.com`, password: 'correct horse battery' }),
  });
  if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${await signup.text()}`);
  const cookie = signup.headers
    .getSetCookie()
    .find((line) => line.startsWith('cs_session='))!
    .split(';')[0]!;
  const tokenResponse = await fetch(`${base}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: base },
    body: JSON.stringify({ name: 'faults' }),
  });
  if (tokenResponse.status !== 201) throw new Error(`token: ${tokenResponse.status} ${await tokenResponse.text()}`);
  const { token } = (await tokenResponse.json()) as { token: string };
  const conversation = await createConversation(base, token);
  if (conversation.status !== 201) throw new Error(`conversation: ${conversation.status} ${await conversation.text()}`);
  const { id } = (await conversation.json()) as { id: string };
  const share = await fetch(`${base}/api/v1/shares`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ conversationId: id, privacy: 'unlisted' }),
  });
  if (share.status !== 201 && share.status !== 200) throw new Error(`share: ${share.status} ${await share.text()}`);
  const { shortCode } = (await share.json()) as { shortCode: string };
  return { token, code: shortCode };
}

let created = 0;

/** Creates a conversation with content of its own (the same content twice would be a re-import). */
export const createConversation = (base: string, token: string) =>
  fetch(`${base}/api/v1/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(
      buildConversation({
        messages: [
          {
            id: 'u-1',
            parentId: null,
            role: 'user',
            parts: [{ type: 'text', text: `Question ${++created} ${Date.now()}` }],
          },
          { id: 'a-1', parentId: 'u-1', role: 'assistant', parts: [{ type: 'text', text: 'An answer.' }] },
        ],
        currentLeafId: 'a-1',
      }),
    ),
  });
