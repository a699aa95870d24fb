/**
 * Starts the real server (server-process.ts) for a test file and signs up owners through the
 * SDK. The clients use Node's own fetch, so every call is real HTTP to that server.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type ChatshareClient, type FetchLike } from '@chatshare/client';

export interface TestServer {
  baseUrl: string;
  close(): Promise<void>;
}

// A string path on purpose: jsdom's URL class would not resolve a file: URL here.
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server-process.ts');

/** `env`: server settings for this one, e.g. `{ ENABLE_OPEN_SHARING: 'false' }`. */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--conditions=@chatshare/source', '--import', 'tsx', script],
    {
      env: { ...process.env, CHATSHARE_TEST_ENV: JSON.stringify(env) },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // Other lines may come first (libraries that log on import); ours is the JSON one.
      const line = output.split('\n').find((candidate) => candidate.startsWith('{"baseUrl":'));
      if (line) resolve((JSON.parse(line) as { baseUrl: string }).baseUrl);
    });
    child.once('exit', (code) => reject(new Error(`the test server exited (${code}) before listening:\n${errors}`)));
  });
  return {
    baseUrl,
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

/** Node's fetch with a cookie jar, standing in for a browser's during sign-up. */
function cookieJarFetch(): FetchLike {
  const cookies = new Map<string, string>();
  return async (url, init) => {
    const headers = new Headers(init.headers);
    if (cookies.size > 0) headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers });
    for (const setCookie of response.headers.getSetCookie()) {
      const pair = setCookie.split(';', 1)[0]!;
      const equals = pair.indexOf('=');
      cookies.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
    }
    return response;
  };
}

let accounts = 0;

/** A new account's API token. */
export async function ownerToken(baseUrl: string): Promise<string> {
  // The Origin header is what a browser adds; the server's CSRF guard asks for it with cookies.
  const browser = createClient({ baseUrl, fetch: cookieJarFetch(), headers: { origin: baseUrl } });
  accounts += 1;
  await browser.auth.signup({ email: `owner${accounts}-${Date.now()}@example.com`, password: 'a long password' });
  const { token } = await browser.tokens.create({ name: 'share kit tests' });
  return token;
}

/** A new account and a client that uses an API token for it, as an app embedding the dialog would. */
export async function ownerClient(baseUrl: string): Promise<ChatshareClient> {
  return createClient({ baseUrl, token: await ownerToken(baseUrl) });
}

/** A visitor who is not signed in. */
export const visitorClient = (baseUrl: string) => createClient({ baseUrl });

export const OPENAI_KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';

/** A two-message conversation; `secret` puts an API key into the answer. */
export async function makeConversation(client: ChatshareClient, title: string, options: { secret?: boolean } = {}) {
  const answer = options.secret ? `Use the key ${OPENAI_KEY} in your config.` : 'Gladly.';
  return client.conversations.create({
    title,
    messages: [
      { id: 'q', parentId: null, role: 'user', parts: [{ type: 'text', text: `Tell me about ${title}` }] },
      { id: 'a', parentId: 'q', role: 'assistant', parts: [{ type: 'text', text: answer }] },
    ],
  });
}
