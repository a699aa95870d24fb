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
