import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildConversation, call, createConversation, signUp, type TestUser } from '../helpers/api.js';

let t: TestApp;
let owner: TestUser;
let stranger: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await signUp(t.app);
  stranger = await signUp(t.app);
});
afterAll(() => t.close());

const snapshot = (id: string, query = '', user: TestUser | null = owner) =>
  call(t.app, 'GET', `/api/v1/conversations/${id}/snapshot${query}`, user ? { auth: user.session } : {});

describe('GET /api/v1/conversations/:id/snapshot', () => {
  it('gives the public snapshot of the current branch: positional ids, no system prompt, no context, no names', async () => {
    const { id } = await createConversation(t.app, owner);
    const response = await snapshot(id);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const { snapshot: body, warnings } = response.json();
    expect(warnings).toEqual([]);
    expect(body).toEqual({
      format: 1,
      title: 'Planning a trip to Lisbon',
      models: ['gpt-4o'],
      messages: [
        {
          id: 'm1',
          parentId: null,
          role: 'user',
          parts: [{ type: 'text', text: 'What should I see in Lisbon?' }],
          createdAt: '2026-05-01T10:00:00.000Z',
        },
        {
          id: 'm2',
          parentId: 'm1',
          role: 'assistant',
          model: 'gpt-4o',
          parts: [
            { type: 'reasoning', text: 'Think about neighbourhoods.' },
            { type: 'text', text: 'Start with **Alfama** and Belém.' },
          ],
        },
      ],
    });
    expect(response.body).not.toContain('SECRET');
  });

  it('keeps author names only when asked, and takes another branch by its leaf', async () => {
    const { id } = await createConversation(t.app, owner);
    const named = (await snapshot(id, '?showAuthor=true')).json().snapshot;
    expect(named.messages[0].author).toBe('Ana');
    const other = (await snapshot(id, '?leafMessageId=a-1b')).json().snapshot;
    expect(other.messages.at(-1).parts).toEqual([{ type: 'text', text: 'An older answer on another branch.' }]);
    expect((await snapshot(id, '?leafMessageId=nope')).json().error.code).toBe('message_not_found');
  });

  it('warns about secrets, and replaces them when asked', async () => {
    const key = 'sk-proj-' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0';
    const { id } = await createConversation(
      t.app,
      owner,
      buildConversation({
        messages: [{ id: 'u', parentId: null, role: 'user', parts: [{ type: 'text', text: `my key is ${key}` }] }],
        currentLeafId: 'u',
      }),
    );
    const plain = (await snapshot(id)).json();
    expect(plain.warnings).toEqual([
      expect.objectContaining({ kind: 'openai_key', location: 'messages[0]', redacted: false }),
    ]);
    expect(JSON.stringify(plain.snapshot)).toContain(key);
    const redacted = (await snapshot(id, '?redact=true')).json();
    expect(redacted.warnings[0].redacted).toBe(true);
    expect(JSON.stringify(redacted.snapshot)).not.toContain(key);
  });

  it('creates no link', async () => {
    const { id } = await createConversation(t.app, owner);
    await snapshot(id);
    expect((await call(t.app, 'GET', `/api/v1/conversations/${id}/share`, { auth: owner.bearer })).statusCode).toBe(
      404,
    );
  });

  it("is the owner's only: 401 signed out, 404 for someone else's conversation", async () => {
    const { id } = await createConversation(t.app, owner);
    expect((await snapshot(id, '', null)).statusCode).toBe(401);
    const foreign = await snapshot(id, '', stranger);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('conversation_not_found');
  });
});
