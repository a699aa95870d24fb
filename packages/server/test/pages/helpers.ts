/** Helpers for the share page tests. */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../helpers/app.js';
import {
  buildConversation,
  call,
  createConversation,
  createShare,
  type CallOptions,
  type TestUser,
} from '../helpers/api.js';

export const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

/** The nonce in a response's CSP header. */
export const nonceOf = (response: LightMyRequestResponse): string | undefined =>
  /'nonce-([^']+)'/.exec(String(response.headers['content-security-policy'] ?? ''))?.[1];

/** A page with its nonces blanked, to compare two responses. */
export const withoutNonce = (body: string) => body.replace(/nonce="[^"]*"/g, 'nonce=""');

export async function shareOf(
  t: TestApp,
  owner: TestUser,
  settings: Record<string, unknown> = {},
  conversation: unknown = buildConversation(),
) {
  const { id } = await createConversation(t.app, owner, conversation);
  return createShare(t.app, owner, { conversationId: id, ...settings });
}

/** GET /s/:code as a browser would (a browser User-Agent, so the view counts). */
export const getPage = (t: TestApp, path: string, options: CallOptions = {}) =>
  call(t.app, 'GET', path.startsWith('/') ? path : `/s/${path}`, {
    ...options,
    headers: { 'user-agent': BROWSER, ...options.headers },
  });

/** The view count as stored in the database (buffered views not included). */
export async function storedViews(t: TestApp, shareId: string): Promise<number> {
  const row = await t.app.db
    .selectFrom('shares')
    .select('view_count')
    .where('id', '=', shareId)
    .executeTakeFirstOrThrow();
  return Number(row.view_count);
}

/** The body as a browser would read it, decompressed by its Content-Encoding. */
export function decoded(response: LightMyRequestResponse): string {
  const raw = response.rawPayload;
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(raw).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(raw).toString('utf8');
  return raw.toString('utf8');
}
