/** Helpers for the share page tests. */
import { createHash } from 'node:crypto';
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

/** The script sources a response's CSP allows (`'sha256-…'`, `'none'`, …). */
export const scriptSourcesOf = (response: LightMyRequestResponse): string[] =>
  (/script-src ([^;]+)/.exec(String(response.headers['content-security-policy'] ?? ''))?.[1] ?? '').split(' ');

/** The CSP source of each inline script of a page, hashed as a browser hashes it. */
export const inlineScriptSources = (html: string): string[] =>
  [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (match) => `'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`,
  );

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
