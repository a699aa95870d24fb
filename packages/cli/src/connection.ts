/**
 * Which server to talk to and with which token. Flags beat environment variables, which beat
 * the stored login. The stored token is only ever sent to the server it was issued by: with
 * `--url` pointing elsewhere and no token given, the command is simply not signed in there.
 */
import { createClient, type ChatshareClient } from '@chatshare/client';
import { normalizeUrl, readLogin, type Env, type StoredLogin } from './config.js';
import { notSignedIn } from './errors.js';
import { VERSION } from './version.js';

/** Options every command accepts (declared once on the program). */
export interface GlobalOptions {
  json?: boolean;
  url?: string;
  token?: string;
}

export const DEFAULT_URL = 'http://localhost:3000';
const USER_AGENT = `chatshare-cli/${VERSION}`;

export interface Connection {
  url: string;
  token: string | undefined;
  stored: StoredLogin | null;
}

export async function resolveConnection(globals: GlobalOptions, env: Env): Promise<Connection> {
  const stored = await readLogin(env);
  const url = normalizeUrl(globals.url ?? env.CHATSHARE_URL ?? stored?.url ?? DEFAULT_URL);
  const given = globals.token ?? (env.CHATSHARE_TOKEN?.trim() || undefined);
  const token = given ?? (stored && normalizeUrl(stored.url) === url ? stored.token : undefined);
  return { url, token, stored };
}

export function clientFor(url: string, token?: string): ChatshareClient {
  return createClient({ baseUrl: url, headers: { 'user-agent': USER_AGENT }, ...(token ? { token } : {}) });
}

/** A client with a token, or the "not signed in" error (exit 3) before any request is made. */
export async function signedInClient(
  globals: GlobalOptions,
  env: Env,
): Promise<{ client: ChatshareClient; url: string }> {
  const { url, token } = await resolveConnection(globals, env);
  if (!token) throw notSignedIn(url);
  return { client: clientFor(url, token), url };
}

/**
 * A client for signing in with a password: Node's fetch keeps no cookies, so this one holds
 * the session cookie itself, and sends the `Origin` the server asks of cookie-authenticated
 * changes (the server's own origin, which is exactly what we are).
 */
export function sessionClient(url: string): ChatshareClient {
  const cookies = new Map<string, string>();
  const fetchWithCookies = async (target: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    if (cookies.size > 0) headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(target, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';', 1);
      const at = pair.indexOf('=');
      if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return response;
  };
  return createClient({
    baseUrl: url,
    fetch: fetchWithCookies,
    credentials: 'omit',
    headers: { 'user-agent': USER_AGENT, origin: new URL(url).origin },
  });
}
