/**
 * Helpers for the live-state tests: a link's page is served (and so kept, in memory or in
 * storage) in every variant a reader may ask for, then its state changes, and the very next
 * request must answer by the new state, never with the kept page.
 */
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { call, cookieFrom, type Auth, type TestUser } from '../helpers/api.js';
import { decoded, getPage, shareOf } from './helpers.js';
import { revealPage } from './reveal-helpers.js';

/** Rate limits high enough that the many 404s and unlocks of a file never meet them. */
export const LIVE_STATE_RATE_LIMITS = {
  auth: { max: 10_000, windowMs: 60_000 },
  unlock: { max: 10_000, windowMs: 60_000 },
  shareMiss: { max: 10_000, windowMs: 60_000 },
};

/** A string found nowhere but in one test's conversation. */
export const uniqueMarker = (label = 'MARK') => `${label}${randomBytes(6).toString('hex').toUpperCase()}`;

/**
 * A conversation whose title and both messages carry `marker`, so any answer that holds a
 * word of its content holds the marker.
 */
export function markedConversation(marker: string, titleMarker = marker) {
  return {
    title: `Notes ${titleMarker}`,
    messages: [
      { id: 'u-1', parentId: null, role: 'user', author: 'Ana', parts: [{ type: 'text', text: `Ask ${marker}` }] },
      { id: 'a-1', parentId: 'u-1', role: 'assistant', parts: [{ type: 'text', text: `Answer ${marker}` }] },
    ],
    currentLeafId: 'a-1',
  };
}

/** A marked conversation and a link to it. */
export async function markedShare(t: TestApp, owner: TestUser, settings: Record<string, unknown> = {}) {
  const marker = uniqueMarker();
  const share = await shareOf(t, owner, settings, markedConversation(marker));
  return { share, marker, code: share.shortCode, id: share.settings.id };
}

export type Locale = 'en' | 'de';

/** The ways a reader may ask for the same page: each may be a page of its own in a store. */
export const VARIANTS: { name: string; locale: Locale; headers: Record<string, string> }[] = [
  { name: 'plain', locale: 'en', headers: { 'accept-encoding': 'identity' } },
  { name: 'brotli', locale: 'en', headers: { 'accept-encoding': 'gzip, deflate, br' } },
  { name: 'gzip, German', locale: 'de', headers: { 'accept-encoding': 'gzip', 'accept-language': 'de' } },
];

/** The title of each refusal page, per language. */
export const GATE_TITLES = {
  not_found: { en: 'This link does not exist', de: 'Diesen Link gibt es nicht' },
  expired: { en: 'This link has expired', de: 'Dieser Link ist abgelaufen' },
  used_up: { en: 'This link has been used up', de: 'Dieser Link ist aufgebraucht' },
  password: { en: 'This conversation is protected', de: 'Diese Unterhaltung ist geschützt' },
  taken_down: { en: 'An admin took this link down', de: 'Ein Admin hat diesen Link gesperrt' },
} as const;
export type GateKind = keyof typeof GATE_TITLES;

export const STATUS_OF: Record<GateKind, number> = {
  not_found: 404,
  expired: 410,
  used_up: 410,
  password: 401,
  taken_down: 410,
};

/** What a reader's browser kept of a page: its ETag, per variant. */
export type Kept = Map<string, string | undefined>;

/**
 * GETs `/s/:code` in every variant and checks each is the conversation (with `marker`);
 * returns the ETags, which a browser would send back.
 */
export async function servePage(t: TestApp, code: string, marker: string, options: { auth?: Auth } = {}) {
  const kept: Kept = new Map();
  for (const variant of VARIANTS) {
    const response = await getPage(t, code, { ...options, headers: variant.headers });
    expect(response.statusCode, variant.name).toBe(200);
    expect(decoded(response), variant.name).toContain(marker);
    kept.set(variant.name, response.headers.etag as string | undefined);
  }
  return kept;
}

/**
 * A refusal: the status, a page that is not kept by anyone, and not a word of the
 * conversation (none of `markers`).
 */
export function expectRefusal(
  response: LightMyRequestResponse,
  gate: GateKind,
  markers: string[],
  { locale = 'en', label = '' }: { locale?: Locale; label?: string } = {},
) {
  const body = decoded(response);
  expect(response.statusCode, `${label}: ${body.slice(0, 300)}`).toBe(STATUS_OF[gate]);
  expect(response.headers['cache-control'], label).toBe('private, no-store');
  expect(response.headers.etag, label).toBeUndefined();
  for (const marker of markers) expect(body, label).not.toContain(marker);
  expect(body, label).toContain(GATE_TITLES[gate][locale]);
}

/**
 * GETs `/s/:code` in every variant, each with the ETag its earlier answer had (as a browser
 * revalidates), and checks each is the `gate` refusal with none of `markers`.
 */
export async function expectPageRefused(
  t: TestApp,
  code: string,
  kept: Kept,
  gate: GateKind,
  markers: string[],
  options: { auth?: Auth; cookie?: string } = {},
) {
  for (const variant of VARIANTS) {
    const etag = kept.get(variant.name);
    const response = await getPage(t, code, {
      ...(options.auth ? { auth: options.auth } : {}),
      headers: {
        ...variant.headers,
        ...(etag ? { 'if-none-match': etag } : {}),
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
    });
    expectRefusal(response, gate, markers, { locale: variant.locale, label: `${gate}, ${variant.name}` });
  }
}

/** The other addresses of a link that show its content: the Markdown, the JSON file and the embed. */
export const contentPaths = (code: string) => [`/s/${code}.md`, `/s/${code}.json`, `/embed/${code}`];

/** GETs the Markdown, the JSON file and the embed, each the conversation; returns their ETags. */
export async function serveOthers(t: TestApp, code: string, marker: string) {
  const kept: Kept = new Map();
  for (const path of contentPaths(code)) {
    const response = await getPage(t, path);
    expect(response.statusCode, path).toBe(200);
    expect(decoded(response), path).toContain(marker);
    kept.set(path, response.headers.etag as string | undefined);
  }
  return kept;
}

/** The Markdown, the JSON file and the embed refuse with `status` (with the old ETag sent back), without the content. */
export async function expectOthersRefused(t: TestApp, kept: Kept, status: number, markers: string[]) {
  for (const [path, etag] of kept) {
    const response = await getPage(t, path, { headers: etag ? { 'if-none-match': etag } : {} });
    const body = decoded(response);
    expect(response.statusCode, `${path}: ${body.slice(0, 300)}`).toBe(status);
    expect(response.headers.etag, path).toBeUndefined();
    for (const marker of markers) expect(body, path).not.toContain(marker);
  }
}

/** The 404 page of a code that never existed, with `code` in its place, to compare pages. */
export async function unknownPageFor(t: TestApp, code: string) {
  const unknown = await getPage(t, 'AAAAAAAAAAAA', { headers: { 'accept-encoding': 'identity' } });
  expect(unknown.statusCode).toBe(404);
  return unknown.body.replaceAll('AAAAAAAAAAAA', code);
}

/** The password form, sent as a browser sends it; resolves to the unlock cookie, if one was set. */
export async function unlockWith(t: TestApp, code: string, password: string): Promise<string | undefined> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/s/${code}/unlock`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.config.publicUrl },
    payload: `password=${encodeURIComponent(password)}`,
  });
  expect(response.statusCode).toBe(303);
  return cookieFrom(response, `cs_unlock_${code}`);
}

/** Changes a link's settings as its owner, through the API of `t`. */
export async function patchShare(t: TestApp, owner: TestUser, id: string, body: Record<string, unknown>) {
  const response = await call(t.app, 'PATCH', `/api/v1/shares/${id}`, { auth: owner.bearer, body });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { shortCode: string; settings: Record<string, unknown> };
}

/** Revokes a link as its owner, through the API of `t`. */
export async function revoke(t: TestApp, owner: TestUser, id: string) {
  const response = await call(t.app, 'DELETE', `/api/v1/shares/${id}`, { auth: owner.bearer });
  expect(response.statusCode, response.body).toBe(200);
}

/** Renames the link's conversation and appends a message with `marker`, through the API of `t`. */
export async function changeConversation(
  t: TestApp,
  owner: TestUser,
  conversationId: string,
  { title, marker }: { title: string; marker: string },
) {
  const renamed = await call(t.app, 'PATCH', `/api/v1/conversations/${conversationId}`, {
    auth: owner.bearer,
    body: { title },
  });
  expect(renamed.statusCode, renamed.body).toBe(200);
  const appended = await call(t.app, 'POST', `/api/v1/conversations/${conversationId}/messages`, {
    auth: owner.bearer,
    body: { messages: [{ role: 'user', parts: [{ type: 'text', text: `Later ${marker}` }] }] },
  });
  expect(appended.statusCode, appended.body).toBe(200);
}

/** A reveal of a view-limited link that is allowed: the conversation, with `marker`. */
export async function expectRevealed(t: TestApp, code: string, marker: string) {
  const response = await revealPage(t, code);
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  expect(response.headers['cache-control']).toBe('private, no-store');
  expect(decoded(response)).toContain(marker);
}
