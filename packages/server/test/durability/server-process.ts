/**
 * The real `chatshare serve` in a child process, for tests that signal or kill it: start it
 * on a free port, wait until it answers, talk to it over HTTP, stop it by signal.
 */
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

export type { ServerProcess };

/** Polls `check` every 50 ms until it returns true, for at most `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Starts the server with `env` (PORT is chosen here unless given) and waits for /healthz. */
export const startServer = (env: Record<string, string>): Promise<ServerProcess> =>
  startServerProcess({
    entry: 'cli',
    ...(env.PORT ? { port: Number(env.PORT) } : {}),
    env: () => ({ LOG_LEVEL: 'warn', ...env }),
    readyPath: '/healthz',
  });

/** Kills the process outright (no flush, no cleanup) and waits until it is gone. */
export async function killHard(server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
}

/** A parsed JSON response body, read field by field in tests as `response.json()` is. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface Client {
  token: string;
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
}

/** JSON over HTTP with an API token (no token: anonymous). */
export function client(base: string, token = ''): Client {
  return {
    token,
    async request(method, path, body) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed as Json };
    },
  };
}

/** Signs a new user up (by cookie) and returns a client with their API token. */
export async function signUpOver(base: string, email = `owner-${Date.now()}-${Math.random()}@example.com`) {
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery' }),
  });
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${await signup.text()}`);
  const cookie = signup.headers
    .getSetCookie()
    .find((line) => line.startsWith('cs_session='))!
    .split(';')[0]!;
  const tokenResponse = await fetch(`${base}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: base },
    body: JSON.stringify({ name: 'tests' }),
  });
  if (tokenResponse.status !== 201) throw new Error(`token failed: ${await tokenResponse.text()}`);
  return client(base, ((await tokenResponse.json()) as { token: string }).token);
}

export const conversation = (title = 'Planning a trip to Lisbon', text = 'Start with Alfama.') => ({
  title,
  models: ['gpt-4o'],
  messages: [
    { id: 'u-1', parentId: null, role: 'user', parts: [{ type: 'text', text: 'What should I see in Lisbon?' }] },
    { id: 'a-1', parentId: 'u-1', role: 'assistant', parts: [{ type: 'text', text }] },
  ],
  currentLeafId: 'a-1',
});

/** A conversation and an unlisted share of it; returns the share's id and code. */
export async function createShareOver(owner: Client, body: Record<string, unknown> = {}) {
  const created = await owner.request('POST', '/api/v1/conversations', conversation());
  if (created.status !== 201) throw new Error(`conversation failed: ${JSON.stringify(created.body)}`);
  const share = await owner.request('POST', '/api/v1/shares', {
    conversationId: created.body.id,
    privacy: 'unlisted',
    ...body,
  });
  if (share.status !== 201 && share.status !== 200) throw new Error(`share failed: ${JSON.stringify(share.body)}`);
  return { id: share.body.settings.id as string, code: share.body.shortCode as string };
}
