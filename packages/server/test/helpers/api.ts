/**
 * Request helpers and factories over `app.inject`: signed-in users (cookie or API token),
 * conversations and shares, so tests read as sentences.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import inject from 'light-my-request';

export interface Auth {
  /** `cs_session=…` for cookie requests. */
  cookie?: string;
  token?: string;
}

export interface TestUser {
  id: string;
  email: string;
  cookie: string;
  token: string;
  /** Auth by cookie (browser-like, sends Origin). */
  session: Auth;
  /** Auth by API token. */
  bearer: Auth;
}

export const ORIGIN = 'http://localhost:3000';

export interface CallOptions {
  auth?: Auth;
  body?: unknown;
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
  /** The client address the app sees (inject only; no traffic leaves the process). */
  ip?: string;
}

export async function call(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
  url: string,
  options: CallOptions = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const cookies: string[] = Object.entries(options.cookies ?? {}).map(([key, value]) => `${key}=${value}`);
  if (options.auth?.token) headers.authorization = `Bearer ${options.auth.token}`;
  if (options.auth?.cookie) {
    cookies.push(options.auth.cookie);
    if (method !== 'GET' && headers.origin === undefined) headers.origin = ORIGIN;
  }
  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  await app.ready();
  // Through the server's own request listener, so the share page's short path (front-door.ts)
  // answers what it answers for real clients.
  return inject(app.frontDoor.listener, {
    method,
    url,
    headers,
    ...(options.ip ? { remoteAddress: options.ip } : {}),
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
}

/** The `name=value` pair of a Set-Cookie header. */
export function cookieFrom(response: LightMyRequestResponse, name: string): string | undefined {
  const cookie = response.cookies.find((item) => item.name === name);
  return cookie ? `${cookie.name}=${cookie.value}` : undefined;
}

let counter = 0;

export async function signUp(
  app: FastifyInstance,
  email = `user${++counter}-${Date.now()}@example.com`,
): Promise<TestUser> {
  const response = await call(app, 'POST', '/api/v1/auth/signup', {
    body: { email, password: 'correct horse battery' },
  });
  if (response.statusCode !== 201) throw new Error(`signup failed: ${response.body}`);
  const cookie = cookieFrom(response, 'cs_session')!;
  const tokenResponse = await call(app, 'POST', '/api/v1/tokens', {
    auth: { cookie },
    body: { name: 'tests' },
    // The site's own origin, whatever PUBLIC_URL the test app has.
    headers: { origin: new URL(app.config.publicUrl).origin },
  });
  if (tokenResponse.statusCode !== 201) throw new Error(`token failed: ${tokenResponse.body}`);
  const token = tokenResponse.json().token as string;
  return {
    id: response.json().user.id,
    email,
    cookie,
    token,
    session: { cookie },
    bearer: { token },
  };
}

/** Marks the user's email verified the way a person would: through the link in the mail. */
export async function verifyEmail(app: FastifyInstance, sent: { to: string; text: string }[], email: string) {
  const mail = [...sent].reverse().find((message) => message.to === email);
  const link = mail?.text.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no verification mail for ${email}`);
  const url = new URL(link);
  const response = await call(app, 'GET', `${url.pathname}${url.search}`);
  if (response.statusCode !== 200) throw new Error(`verify failed: ${response.statusCode}`);
}

export function buildConversation(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Planning a trip to Lisbon',
    context: 'CUSTOM-INSTRUCTIONS-SECRET: answer like a pirate',
    models: ['gpt-4o'],
    messages: [
      { id: 'sys-1', parentId: null, role: 'system', parts: [{ type: 'text', text: 'SYSTEM-PROMPT-SECRET' }] },
      {
        id: 'u-1',
        parentId: 'sys-1',
        role: 'user',
        author: 'Ana',
        parts: [{ type: 'text', text: 'What should I see in Lisbon?' }],
        createdAt: '2026-05-01T10:00:00.000Z',
      },
      {
        id: 'a-1',
        parentId: 'u-1',
        role: 'assistant',
        model: 'gpt-4o',
        parts: [
          { type: 'reasoning', text: 'Think about neighbourhoods.' },
          { type: 'text', text: 'Start with **Alfama** and Belém.' },
        ],
      },
      {
        id: 'a-1b',
        parentId: 'u-1',
        role: 'assistant',
        parts: [{ type: 'text', text: 'An older answer on another branch.' }],
      },
    ],
    currentLeafId: 'a-1',
    ...overrides,
  };
}

export async function createConversation(app: FastifyInstance, user: TestUser, body: unknown = buildConversation()) {
  const response = await call(app, 'POST', '/api/v1/conversations', { auth: user.bearer, body });
  if (response.statusCode !== 201) throw new Error(`create conversation failed: ${response.body}`);
  return response.json() as { id: string; title: string; messages: { id: string }[] };
}

export async function createShare(app: FastifyInstance, user: TestUser, body: Record<string, unknown>) {
  const response = await call(app, 'POST', '/api/v1/shares', { auth: user.bearer, body });
  if (response.statusCode !== 201 && response.statusCode !== 200) throw new Error(`share failed: ${response.body}`);
  return response.json() as {
    shareUrl: string;
    shortCode: string;
    settings: Record<string, unknown> & { id: string };
    warnings: { kind: string; location: string; redacted: boolean }[];
    policies: Record<string, boolean>;
  };
}
