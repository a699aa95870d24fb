import type { TestApp } from '../helpers/app.js';
import { buildConversation, call, type TestUser } from '../helpers/api.js';
import { shareOf } from '../pages/helpers.js';

export interface ExploreItem {
  shortCode: string;
  url: string;
  title: string;
  titleHighlights: { text: string; match: boolean }[];
  excerpt: { text: string; match: boolean }[];
  messageCount: number;
  models: string[];
  views: number;
  publishedAt: string;
  sharedBy: string | null;
}

export interface ExploreResult {
  items: ExploreItem[];
  sort: string;
  nextCursor: string | null;
}

/** A conversation with this title whose user asks `question` and gets `answer`. */
export const talk = (title: string, question: string, answer = 'Here is what I found.') =>
  buildConversation({
    title,
    messages: [
      { id: 'u', parentId: null, role: 'user', parts: [{ type: 'text', text: question }] },
      { id: 'a', parentId: 'u', role: 'assistant', model: 'gpt-4o', parts: [{ type: 'text', text: answer }] },
    ],
    currentLeafId: 'a',
  });

export async function publish(
  t: TestApp,
  owner: TestUser,
  conversation: unknown,
  settings: Record<string, unknown> = {},
) {
  return shareOf(t, owner, { privacy: 'public', ...settings }, conversation);
}

export async function explore(t: TestApp, query: Record<string, string | number> = {}): Promise<ExploreResult> {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
  const response = await call(t.app, 'GET', `/api/v1/shared?${search}`);
  if (response.statusCode !== 200) throw new Error(`explore ${search}: ${response.statusCode} ${response.body}`);
  return response.json() as ExploreResult;
}

export const codes = (result: ExploreResult) => result.items.map((item) => item.shortCode);

/** The words a search marked, lower-cased. */
export const marked = (segments: { text: string; match: boolean }[]) =>
  segments.filter((segment) => segment.match).map((segment) => segment.text.toLowerCase());

/** One combination of the live states a listing's SQL filter reads. */
export interface LiveState {
  privacy: string;
  password: string | null;
  expires: string | null;
  limit: null | 'used' | 'left';
  revoked: string | null;
  takenDown: string | null;
  /** `allow_indexing`, for the states the sitemap reads; left as it is when absent. */
  indexing?: 0 | 1;
}

/** Every combination of live states as of `now`, with `allow_indexing` both ways when asked. */
export function liveStates(now: Date, options: { indexing: boolean }): LiveState[] {
  const past = new Date(now.getTime() - 1000).toISOString();
  const future = new Date(now.getTime() + 3600_000).toISOString();
  const states: LiveState[] = [];
  for (const privacy of ['public', 'unlisted', 'private'])
    for (const password of [null, 'scrypt$x'])
      for (const expires of [null, past, future])
        for (const limit of [null, 'used', 'left'] as const)
          for (const revoked of [null, past])
            for (const takenDown of [null, past])
              for (const indexing of options.indexing ? ([0, 1] as const) : [undefined])
                states.push({
                  privacy,
                  password,
                  expires,
                  limit,
                  revoked,
                  takenDown,
                  ...(indexing === undefined ? {} : { indexing }),
                });
  return states;
}

/**
 * Writes `state` straight to the share's row, past the services and the search index's sync,
 * so only a listing's own filter stands between the share and the listing.
 */
export async function writeLiveState(t: TestApp, shareId: string, state: LiveState): Promise<void> {
  await t.app.db
    .updateTable('shares')
    .set({
      privacy: state.privacy,
      password_hash: state.password,
      expires_at: state.expires,
      max_views: state.limit === null ? null : 5,
      view_count: state.limit === 'used' ? 5 : 1,
      revoked_at: state.revoked,
      taken_down_at: state.takenDown,
      ...(state.indexing === undefined ? {} : { allow_indexing: state.indexing }),
    })
    .where('id', '=', shareId)
    .execute();
}
