/** Every owner endpoint, tried by another user with a session and with a token: always 404, nothing changed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, createConversation, createShare, signUp, type Auth, type TestUser } from '../helpers/api.js';

let t: TestApp;
let owner: TestUser;
let intruder: TestUser;
let conversationId: string;
let share: Awaited<ReturnType<typeof createShare>>;

beforeAll(async () => {
  t = await buildTestApp();
  owner = await signUp(t.app);
  intruder = await signUp(t.app);
  conversationId = (await createConversation(t.app, owner)).id;
  share = await createShare(t.app, owner, { conversationId });
});
afterAll(() => t.close());

type Endpoint = ['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?];

// Built lazily: the ids exist only after beforeAll.
const endpoints = (): [string, ...Endpoint][] => [
  ['get a conversation', 'GET', `/api/v1/conversations/${conversationId}`],
  ['rename a conversation', 'PATCH', `/api/v1/conversations/${conversationId}`, { title: 'pwned' }],
  [
    'append to a conversation',
    'POST',
    `/api/v1/conversations/${conversationId}/messages`,
    { messages: [{ role: 'user', parts: [{ type: 'text', text: 'x' }] }] },
  ],
  ['delete a conversation', 'DELETE', `/api/v1/conversations/${conversationId}`],
  ["get a conversation's share", 'GET', `/api/v1/conversations/${conversationId}/share`],
  ['share a conversation', 'POST', '/api/v1/shares', { conversationId }],
  ['get a share', 'GET', `/api/v1/shares/${share.settings.id}`],
  ['update a share', 'PATCH', `/api/v1/shares/${share.settings.id}`, { privacy: 'public' }],
  ['refresh a share', 'PATCH', `/api/v1/shares/${share.settings.id}`, { refresh: true }],
  ['revoke a share', 'DELETE', `/api/v1/shares/${share.settings.id}`],
];

describe.each<[string, (user: TestUser) => Auth]>([
  ['session', (user) => user.session],
  ['token', (user) => user.bearer],
])("another user's %s", (_kind, auth) => {
  const names = [
    'get a conversation',
    'rename a conversation',
    'append to a conversation',
    'delete a conversation',
    "get a conversation's share",
    'share a conversation',
    'get a share',
    'update a share',
    'refresh a share',
    'revoke a share',
  ];
  it.each(names)('cannot %s (404)', async (name) => {
    const [, method, url, body] = endpoints().find((endpoint) => endpoint[0] === name)!;
    const response = await call(t.app, method, url, { auth: auth(intruder), ...(body !== undefined ? { body } : {}) });
    expect(response.statusCode).toBe(404);
    expect(['conversation_not_found', 'share_not_found']).toContain(response.json().error.code);
  });

  it('sees none of it in their own lists, and revoke-all leaves it alone', async () => {
    expect((await call(t.app, 'GET', '/api/v1/conversations', { auth: auth(intruder) })).json().items).toEqual([]);
    expect((await call(t.app, 'GET', '/api/v1/shares?status=all', { auth: auth(intruder) })).json().items).toEqual([]);
    expect((await call(t.app, 'DELETE', '/api/v1/shares', { auth: auth(intruder) })).json()).toEqual({ revoked: 0 });
  });
});

it('left everything of the owner as it was', async () => {
  const conversation = (
    await call(t.app, 'GET', `/api/v1/conversations/${conversationId}`, { auth: owner.bearer })
  ).json();
  expect(conversation.title).toBe('Planning a trip to Lisbon');
  expect(conversation.messages).toHaveLength(4);
  const current = (await call(t.app, 'GET', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer })).json();
  expect(current.settings).toMatchObject({ status: 'live', privacy: 'unlisted', snapshotVersion: 1 });
});

it('answers 401 to every owner endpoint without a sign-in', async () => {
  for (const [, method, url, body] of endpoints()) {
    const response = await call(t.app, method, url, body !== undefined ? { body } : {});
    expect(response.statusCode, `${method} ${url}`).toBe(401);
  }
  for (const url of ['/api/v1/conversations', '/api/v1/shares', '/api/v1/tokens', '/api/v1/me']) {
    expect((await call(t.app, 'GET', url)).statusCode).toBe(401);
  }
});
