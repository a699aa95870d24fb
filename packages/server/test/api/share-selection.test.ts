import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, createConversation, createShare, signUp, type TestUser } from '../helpers/api.js';

// The conversation of helpers/api.ts: system, u-1 "What should I see in Lisbon?", then two
// answers to it: a-1 (current) and a-1b "An older answer on another branch."
let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await signUp(t.app);
});
afterAll(() => t.close());

const texts = async (code: string) => {
  const shared = (await call(t.app, 'GET', `/api/v1/shared/${code}`)).json() as {
    messages: { parts: { type: string; text?: string }[] }[];
  };
  return shared.messages.map((message) => message.parts.find((part) => part.type === 'text')?.text);
};

const append = async (id: string, text: string, parentId?: string) => {
  const response = await call(t.app, 'POST', `/api/v1/conversations/${id}/messages`, {
    auth: owner.bearer,
    body: { ...(parentId ? { parentId } : {}), messages: [{ role: 'user', content: text }] },
  });
  expect(response.statusCode).toBe(200);
  return response.json() as { messages: { id: string }[]; currentLeafId: string };
};

const patch = (shareId: string, body: Record<string, unknown>) =>
  call(t.app, 'PATCH', `/api/v1/shares/${shareId}`, { auth: owner.bearer, body });

describe('a link remembers what of the conversation it shares', () => {
  it('keeps a range on "Update link" and on sharing again: one message stays one message', async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id, range: { start: 0, end: 1 } });
    expect(share.settings.selection).toEqual({ leafMessageId: 'a-1', start: 0, end: 1 });
    await append(id, 'A later question');
    await append(id, 'And another one');

    const refreshed = await patch(share.settings.id, { refresh: true });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json().settings.messageCount).toBe(1);
    expect(await texts(share.shortCode)).toEqual(['What should I see in Lisbon?']);

    const again = await createShare(t.app, owner, { conversationId: id });
    expect(again.shortCode).toBe(share.shortCode);
    expect(again.settings.messageCount).toBe(1);
  });

  it('keeps another branch on update instead of switching to the current one', async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id, leafMessageId: 'a-1b' });
    await append(id, 'A follow-up on the current branch');

    const refreshed = (await patch(share.settings.id, { refresh: true })).json();
    expect(refreshed.settings.selection).toEqual({ leafMessageId: 'a-1b', start: 0, end: null });
    expect(await texts(share.shortCode)).toEqual([
      'What should I see in Lisbon?',
      'An older answer on another branch.',
    ]);
  });

  it('takes in new messages of its branch when the range is open-ended', async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id, range: { start: 1 } });
    expect(share.settings.selection).toEqual({ leafMessageId: 'a-1', start: 1, end: null });
    const grown = await append(id, 'A later question');

    const refreshed = (await patch(share.settings.id, { refresh: true })).json();
    expect(refreshed.settings.selection).toEqual({ leafMessageId: grown.currentLeafId, start: 1, end: null });
    expect(await texts(share.shortCode)).toEqual(['Start with **Alfama** and Belém.', 'A later question']);
  });

  it('grows another branch when it was continued, and a change of branch starts with all of it', async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id, leafMessageId: 'a-1b', range: { start: 1 } });
    const continued = await append(id, 'Going on from the older answer', 'a-1b');

    const refreshed = (await patch(share.settings.id, { refresh: true })).json();
    expect(refreshed.settings.selection.leafMessageId).toBe(continued.currentLeafId);
    expect(await texts(share.shortCode)).toEqual([
      'An older answer on another branch.',
      'Going on from the older answer',
    ]);

    const moved = (await patch(share.settings.id, { leafMessageId: 'a-1' })).json();
    expect(moved.settings.selection).toEqual({ leafMessageId: 'a-1', start: 0, end: null });
    expect(await texts(share.shortCode)).toEqual(['What should I see in Lisbon?', 'Start with **Alfama** and Belém.']);

    const widened = (await patch(share.settings.id, { range: {} })).json();
    expect(widened.settings.selection).toEqual({ leafMessageId: 'a-1', start: 0, end: null });
  });

  it('refuses a range without messages and an unknown branch, and changes nothing', async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id, range: { start: 1, end: 2 } });
    const before = share.settings.snapshotVersion;

    for (const range of [{ start: 2 }, { start: 1, end: 1 }, { start: 40, end: 50 }]) {
      const refused = await patch(share.settings.id, { range });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('empty_selection');
    }
    const unknown = await patch(share.settings.id, { leafMessageId: 'nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('message_not_found');
    const created = await call(t.app, 'POST', '/api/v1/shares', {
      auth: owner.bearer,
      body: { conversationId: (await createConversation(t.app, owner)).id, range: { start: 5 } },
    });
    expect(created.json().error.code).toBe('empty_selection');

    const after = (await call(t.app, 'GET', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer })).json();
    expect(after.settings).toMatchObject({ snapshotVersion: before, selection: { start: 1, end: 2 } });
    expect(await texts(share.shortCode)).toEqual(['Start with **Alfama** and Belém.']);
  });

  it('scans only the chosen messages for secrets', async () => {
    const { id } = await createConversation(t.app, owner);
    await append(id, 'my key is sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD');
    const scan = (query: string) =>
      call(t.app, 'GET', `/api/v1/conversations/${id}/secrets${query}`, { auth: owner.bearer });
    expect((await scan('')).json().warnings).toHaveLength(1);
    expect((await scan('?start=0&end=2')).json().warnings).toEqual([]);
    expect((await scan('?start=2')).json().warnings).toHaveLength(1);
    expect((await scan('?leafMessageId=a-1b')).json().warnings).toEqual([]);
  });
});

describe('an update asks before it publishes a new secret', () => {
  const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD';
  const OTHER_KEY = 'sk-proj-ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210abcd';

  it('refuses a refresh that would add one, until the owner says redact or not; nothing changes meanwhile', async () => {
    const { id } = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: id });
    await append(id, `here is my key ${KEY}`);

    for (const [method, path, body] of [
      ['PATCH', `/api/v1/shares/${share.settings.id}`, { refresh: true }],
      ['POST', '/api/v1/shares', { conversationId: id }],
    ] as const) {
      const refused = await call(t.app, method, path, { auth: owner.bearer, body });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({
        code: 'secrets_decision_required',
        details: { warnings: [expect.objectContaining({ kind: 'openai_key', location: 'messages[2]' })] },
      });
    }
    expect(await texts(share.shortCode)).toHaveLength(2);

    const asIs = await patch(share.settings.id, { refresh: true, redact: false });
    expect(asIs.statusCode).toBe(200);
    expect(JSON.stringify(await texts(share.shortCode))).toContain(KEY);

    // Already shown: a later update does not ask again for the same secret, but does for another one.
    await append(id, 'no secret here');
    expect((await patch(share.settings.id, { refresh: true })).statusCode).toBe(200);
    await append(id, `and another ${OTHER_KEY}`);
    const again = await patch(share.settings.id, { refresh: true });
    expect(again.json().error.details.warnings).toHaveLength(1);
    const redacted = await patch(share.settings.id, { refresh: true, redact: true });
    expect(redacted.statusCode).toBe(200);
    const shown = JSON.stringify(await texts(share.shortCode));
    expect(shown).not.toContain(KEY);
    expect(shown).not.toContain(OTHER_KEY);
  });
});
