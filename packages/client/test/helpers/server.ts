/**
 * A real chatshare server for the SDK's tests: a fresh SQLite file in a temp folder, or a
 * fresh schema on TEST_DATABASE_URL's PostgreSQL server, listening on a free local port.
 * Outgoing mail is kept in memory so tests can follow verification links.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, loadConfig, type BuildOptions } from '@chatshare/server';
import {
  createClient,
  safe,
  type ChatshareClient,
  type ChatshareError,
  type ClientOptions,
  type FetchLike,
} from '../../src/index.js';

type Mailer = NonNullable<BuildOptions['mailer']>;
export type SentMail = Parameters<Mailer['send']>[0];

export interface TestServer {
  baseUrl: string;
  mail: SentMail[];
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-client-'));
  const databaseUrl = process.env.TEST_DATABASE_URL ?? null;
  // Test files run in parallel against one PostgreSQL server; each gets its own schema.
  const schema = databaseUrl ? `client_${randomBytes(6).toString('hex')}` : null;
  // An explicit environment, so the developer's own variables (PORT, DATABASE_URL…) stay out.
  const config = loadConfig(
    {
      DATA_DIR: dataDir,
      SESSION_SECRET: 'client-test-secret-client-test-secret-0123',
      LOG_LEVEL: 'silent',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...(schema ? { DATABASE_SCHEMA: schema } : {}),
    },
    dataDir,
  );
  const mail: SentMail[] = [];
  const mailer: Mailer = { send: async (message) => void mail.push(message), close: () => undefined };
  const app = await buildApp({ config, mailer, logger: false });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl,
    mail,
    async close() {
      if (schema) await app.db.schema.dropSchema(schema).ifExists().cascade().execute();
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The token from the newest verification mail sent to `email`. */
export function verificationToken(mail: SentMail[], email: string): string {
  const message = mail.filter((item) => item.to === email).at(-1);
  const link = message?.text.match(/https?:\/\/\S+/)?.[0];
  const token = link ? new URL(link).searchParams.get('token') : null;
  if (!token) throw new Error(`no verification link was mailed to ${email}`);
  return token;
}

/**
 * A `fetch` with a cookie jar, standing in for a browser's: keeps what the server sets and
 * sends it back. `cookies` is exposed so tests can copy a session elsewhere.
 */
export function cookieJarFetch(): { fetch: FetchLike; cookies: Map<string, string> } {
  const cookies = new Map<string, string>();
  const jarFetch: FetchLike = async (url, init) => {
    const headers = new Headers(init.headers);
    if (cookies.size > 0) {
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(url, { ...init, headers });
    for (const setCookie of response.headers.getSetCookie()) {
      const pair = setCookie.split(';', 1)[0]!;
      const equals = pair.indexOf('=');
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      // A cleared cookie comes back empty (with an expiry in the past).
      if (value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };
  return { fetch: jarFetch, cookies };
}

export const PASSWORD = 'correct horse battery staple';

/**
 * A browser-like client: cookie mode through a cookie jar, with the `Origin` header a browser
 * adds to every state-changing request (the server's CSRF guard asks for it).
 */
export function browserClient(baseUrl: string): { client: ChatshareClient; cookies: Map<string, string> } {
  const jar = cookieJarFetch();
  return { client: createClient({ baseUrl, fetch: jar.fetch, headers: { origin: baseUrl } }), cookies: jar.cookies };
}

/** Signs a new user up the way an app would, then hands back a client using an API token. */
export async function signedUpTokenClient(
  baseUrl: string,
  email: string,
  options: Omit<ClientOptions, 'baseUrl' | 'token'> = {},
): Promise<ChatshareClient> {
  const { client } = browserClient(baseUrl);
  await client.auth.signup({ email, password: PASSWORD });
  const { token } = await client.tokens.create({ name: 'tests' });
  return createClient({ ...options, baseUrl, token });
}

/** The ChatshareError a call fails with; fails the test if the call succeeds. */
export async function failure(call: Promise<unknown>): Promise<ChatshareError> {
  const result = await safe(call);
  if (result.ok) throw new Error(`expected the call to fail, it resolved to ${JSON.stringify(result.value)}`);
  return result.error;
}
