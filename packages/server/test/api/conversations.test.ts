import { LIMITS } from '@chatshare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildConversation, call, createConversation, signUp, type TestUser } from '../helpers/api.js';

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  user = await signUp(t.app);
});
afterAll(() => t.close());

const count = async (who: TestUser) =>
  (await call(t.app, 'GET', '/api/v1/conversations?limit=100', { auth: who.bearer })).json().items.length as number;

describe('creating conversations', () => {
  it('stores our own JSON with every branch and the current leaf', async () => {
    const created = await createConversation(t.app, user);
    const fetched = (await call(t.app, 'GET', `/api/v1/conversations/${created.id}`, { auth: user.bearer })).json();
    expect(fetched.title).toBe('Planning a trip to Lisbon');
    expect(fetched.messages).toHaveLength(4);
    expect(fetched.currentLeafId).toBe('a-1');
    expect(fetched.source.format).toBe('chatshare');
    expect(fetched.models).toEqual(['gpt-4o']);
    expect(fetched).not.toHaveProperty('ownerId');
  });

  it('reads a plain OpenAI messages array, developer as system, tool calls decoded', async () => {
    const response = await call(t.app, 'POST', '/api/v1/conversations', {
      auth: user.bearer,
      body: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Oslo?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'weather', arguments: '"{\\"city\\": \\"Oslo\\"}"' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: '3°C, snow' },
        { role: 'assistant', content: [{ type: 'text', text: 'It is 3°C and snowing.' }] },
      ],
    });
    expect(response.statusCode).toBe(201);
    const conversation = response.json();
    expect(conversation.source.format).toBe('openai');
    expect(conversation.title).toBe('Weather in Oslo?');
    expect(conversation.messages.map((m: { role: string }) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
    expect(conversation.messages[2].parts[0]).toEqual({ type: 'tool_call', name: 'weather', input: { city: 'Oslo' } });
    expect(conversation.messages[3].parts[0]).toEqual({ type: 'tool_result', name: 'weather', output: '3°C, snow' });
  });

  it('reads `{ messages }` objects and fine-tuning JSONL with one conversation', async () => {
    const wrapped = await call(t.app, 'POST', '/api/v1/conversations', {
      auth: user.bearer,
      body: {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello!' },
        ],
      },
    });
    expect(wrapped.statusCode).toBe(201);
    const jsonl = await t.app.inject({
      method: 'POST',
      url: '/api/v1/conversations?format=openai',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/x-ndjson' },
      payload: '{"messages":[{"role":"user","content":"One"},{"role":"assistant","content":"Two"}]}\n',
    });
    expect(jsonl.statusCode).toBe(201);
    expect(jsonl.json().messages).toHaveLength(2);
  });

  it('keeps the source format a client names when it converted the conversation itself', async () => {
    const response = await call(t.app, 'POST', '/api/v1/conversations', {
      auth: user.bearer,
      body: buildConversation({ source: { format: 'claude' } }),
    });
    expect(response.json().source.format).toBe('claude');
    const bad = await call(t.app, 'POST', '/api/v1/conversations', {
      auth: user.bearer,
      body: buildConversation({ source: { format: 'myspace' } }),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('needs a sign-in', async () => {
    const response = await call(t.app, 'POST', '/api/v1/conversations', { body: buildConversation() });
    expect(response.statusCode).toBe(401);
  });
});

describe('bad input changes nothing', () => {
  const cases: [string, unknown, number, string][] = [
    ['a format nobody reads', { hello: 'world' }, 400, 'unsupported_format'],
    ['an empty array', [], 400, 'unsupported_format'],
    [
      'a wrong type deep inside',
      buildConversation({ messages: [{ id: 'x', parentId: null, role: 'user', parts: [{ type: 'text', text: 5 }] }] }),
      400,
      'import_failed',
    ],
    [
      'an unknown role',
      buildConversation({ messages: [{ id: 'x', parentId: null, role: 'wizard', parts: [] }] }),
      400,
      'import_failed',
    ],
    ['an unknown field', buildConversation({ extra: true }), 400, 'import_failed'],
    ['an over-long title', buildConversation({ title: 'x'.repeat(LIMITS.titleLength + 1) }), 400, 'import_failed'],
    [
      'a parent chain that loops',
      buildConversation({
        messages: [
          { id: 'a', parentId: 'b', role: 'user', parts: [] },
          { id: 'b', parentId: 'a', role: 'assistant', parts: [] },
        ],
        currentLeafId: 'a',
      }),
      400,
      'import_failed',
    ],
    ['a current leaf that does not exist', buildConversation({ currentLeafId: 'nope' }), 400, 'import_failed'],
    [
      'an unknown parent',
      buildConversation({ messages: [{ id: 'a', parentId: 'ghost', role: 'user', parts: [] }], currentLeafId: 'a' }),
      400,
      'import_failed',
    ],
    ['an OpenAI message with a bad role', [{ role: 'robot', content: 'x' }], 400, 'import_failed'],
  ];

  it.each(cases)('rejects %s', async (_name, body, status, code) => {
    const before = await count(user);
    const response = await call(t.app, 'POST', '/api/v1/conversations', { auth: user.bearer, body });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(await count(user)).toBe(before);
  });

  it('answers malformed JSON with invalid_json', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/conversations',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
      payload: '{"messages": [',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_json');
  });

  it('answers an empty JSON body with invalid_json', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/conversations',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
      payload: '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_json');
  });

  it('answers a body over the limit with 413', async () => {
    const before = await count(user);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/conversations',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(buildConversation({ context: 'x'.repeat(LIMITS.bodyBytes) })),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
    expect(await count(user)).toBe(before);
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/conversations',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/xml' },
      payload: '<chat/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await call(t.app, 'GET', '/api/v1/nope', { auth: user.bearer });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('route_not_found');
  });
});

describe('listing, renaming, appending, deleting', () => {
  it('lists newest first, searches titles (LIKE wildcards are literal) and pages with a cursor', async () => {
    const lister = await signUp(t.app);
    for (const title of ['Alpha 50% off', 'Beta notes', 'Gamma notes', 'Delta notes', 'Epsilon_x']) {
      await createConversation(t.app, lister, buildConversation({ title }));
      t.clock.advance(1000);
    }
    const search = await call(t.app, 'GET', '/api/v1/conversations?q=NOTES', { auth: lister.bearer });
    expect(search.json().items.map((i: { title: string }) => i.title)).toEqual([
      'Delta notes',
      'Gamma notes',
      'Beta notes',
    ]);
    const percent = await call(t.app, 'GET', `/api/v1/conversations?q=${encodeURIComponent('50%')}`, {
      auth: lister.bearer,
    });
    expect(percent.json().items).toHaveLength(1);
    const underscore = await call(t.app, 'GET', '/api/v1/conversations?q=a_n', { auth: lister.bearer });
    expect(underscore.json().items).toHaveLength(0);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { title: string }[]; nextCursor: string | null } = (
        await call(t.app, 'GET', `/api/v1/conversations?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
          auth: lister.bearer,
        })
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Epsilon_x', 'Delta notes', 'Gamma notes', 'Beta notes', 'Alpha 50% off']);
  });

  it('rejects a forged cursor and an out-of-range limit', async () => {
    const forged = await call(t.app, 'GET', '/api/v1/conversations?cursor=abc', { auth: user.bearer });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('invalid_cursor');
    const limit = await call(t.app, 'GET', '/api/v1/conversations?limit=1000', { auth: user.bearer });
    expect(limit.statusCode).toBe(400);
    expect(limit.json().error.code).toBe('validation_failed');
  });

  it('renames, and refuses a blank title', async () => {
    const { id } = await createConversation(t.app, user);
    const renamed = await call(t.app, 'PATCH', `/api/v1/conversations/${id}`, {
      auth: user.bearer,
      body: { title: '  New   name ' },
    });
    expect(renamed.json().title).toBe('New name');
    const blank = await call(t.app, 'PATCH', `/api/v1/conversations/${id}`, {
      auth: user.bearer,
      body: { title: '   ' },
    });
    expect(blank.statusCode).toBe(400);
  });

  it('appends messages under the current leaf, or under a chosen parent as a new branch', async () => {
    const { id } = await createConversation(t.app, user);
    const appended = await call(t.app, 'POST', `/api/v1/conversations/${id}/messages`, {
      auth: user.bearer,
      body: {
        messages: [
          { role: 'user', parts: [{ type: 'text', text: 'And food?' }] },
          { id: 'a-2', role: 'assistant', parts: [{ type: 'text', text: 'Pastéis de nata.' }], model: 'gpt-4.1' },
        ],
      },
    });
    expect(appended.statusCode).toBe(200);
    const conversation = appended.json();
    expect(conversation.messages).toHaveLength(6);
    expect(conversation.currentLeafId).toBe('a-2');
    expect(conversation.messages[4].parentId).toBe('a-1');
    expect(conversation.models).toEqual(['gpt-4o', 'gpt-4.1']);
    const branch = await call(t.app, 'POST', `/api/v1/conversations/${id}/messages`, {
      auth: user.bearer,
      body: {
        parentId: 'u-1',
        messages: [{ id: 'a-3', role: 'assistant', parts: [{ type: 'text', text: 'Third try' }] }],
      },
    });
    expect(branch.json().messages.find((m: { id: string }) => m.id === 'a-3').parentId).toBe('u-1');
    const duplicate = await call(t.app, 'POST', `/api/v1/conversations/${id}/messages`, {
      auth: user.bearer,
      body: { messages: [{ id: 'a-3', role: 'assistant', parts: [{ type: 'text', text: 'again' }] }] },
    });
    expect(duplicate.statusCode).toBe(409);
    const ghost = await call(t.app, 'POST', `/api/v1/conversations/${id}/messages`, {
      auth: user.bearer,
      body: { parentId: 'ghost', messages: [{ role: 'user', parts: [{ type: 'text', text: 'x' }] }] },
    });
    expect(ghost.statusCode).toBe(404);
    expect(ghost.json().error.code).toBe('message_not_found');
    const after = (await call(t.app, 'GET', `/api/v1/conversations/${id}`, { auth: user.bearer })).json();
    expect(after.messages).toHaveLength(7);
  });

  describe('appending in the formats a conversation can be created from', () => {
    const append = (id: string, body: unknown) =>
      call(t.app, 'POST', `/api/v1/conversations/${id}/messages`, { auth: user.bearer, body });
    const stored = async (id: string) =>
      (await call(t.app, 'GET', `/api/v1/conversations/${id}`, { auth: user.bearer })).json();

    it('takes OpenAI chat messages with content strings, parts arrays and tool calls', async () => {
      const { id } = await createConversation(t.app, user);
      const response = await append(id, {
        messages: [
          { role: 'user', content: 'hi', name: 'Ana' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }],
          },
          { role: 'tool', tool_call_id: 'c1', content: 'Sunny' },
          { role: 'assistant', content: [{ type: 'text', text: 'It is sunny.' }] },
        ],
      });
      expect(response.statusCode).toBe(200);
      const conversation = response.json();
      const added = conversation.messages.slice(4);
      expect(added.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
      expect(added[0]).toMatchObject({ parentId: 'a-1', author: 'Ana', parts: [{ type: 'text', text: 'hi' }] });
      expect(added[1].parts).toEqual([{ type: 'tool_call', name: 'weather', input: { city: 'Oslo' } }]);
      expect(added[2].parts).toEqual([{ type: 'tool_result', name: 'weather', output: 'Sunny' }]);
      // A chain under the current leaf, with ids of the server's own (never the reader's m1, m2…).
      for (let i = 1; i < added.length; i++) expect(added[i].parentId).toBe(added[i - 1].id);
      expect(new Set(conversation.messages.map((m: { id: string }) => m.id)).size).toBe(8);
      expect(added[0].id).not.toBe('m1');
      expect(conversation.currentLeafId).toBe(added[3].id);
    });

    it('takes a bare OpenAI message under a chosen parent, as a new branch', async () => {
      const { id } = await createConversation(t.app, user);
      const response = await append(id, { parentId: 'u-1', messages: [{ role: 'assistant', content: 'Try Sintra.' }] });
      expect(response.statusCode).toBe(200);
      const added = response.json().messages.at(-1);
      expect(added).toMatchObject({
        parentId: 'u-1',
        role: 'assistant',
        parts: [{ type: 'text', text: 'Try Sintra.' }],
      });
      const root = await append(id, { parentId: null, messages: [{ role: 'user', content: 'New topic' }] });
      expect(root.json().messages.at(-1).parentId).toBeNull();
      const ghost = await append(id, { parentId: 'ghost', messages: [{ role: 'user', content: 'x' }] });
      expect(ghost.statusCode).toBe(404);
      expect(ghost.json().error.code).toBe('message_not_found');
    });

    it.each([
      [
        'a mix of both formats',
        [
          { role: 'user', parts: [{ type: 'text', text: 'ok' }] },
          { role: 'user', content: 'hi' },
        ],
        'body.messages.1',
        'every message',
      ],
      [
        'an OpenAI message after a good one with an unknown role',
        [
          { role: 'user', content: 'hi' },
          { role: 'robot', content: 'x' },
        ],
        'body.messages.1.role',
      ],
      ['a role that is a key of every object', [{ role: 'constructor', content: 'x' }], 'body.messages.0.role'],
      [
        'an OpenAI message with nothing in it',
        [
          { role: 'user', content: 'ok' },
          { role: 'user', content: '   ' },
        ],
        'body.messages.1',
      ],
      ['content of the wrong type', [{ role: 'user', content: 42 }], 'body.messages.0.content'],
      [
        'one of our messages with a bad part',
        [
          { role: 'user', parts: [{ type: 'text', text: 'ok' }] },
          { role: 'user', parts: [{ type: 'text', text: 7 }] },
        ],
        'body.messages.1.parts.0',
      ],
      ['one of our messages with no parts', [{ role: 'user', parts: [] }], 'body.messages.0.parts'],
      [
        'one of our messages with a parentId',
        [{ role: 'user', parentId: 'u-1', parts: [{ type: 'text', text: 'x' }] }],
        'body.messages.0',
      ],
    ])('refuses %s with validation_failed, and adds nothing', async (_name, messages, path, says?: string) => {
      const { id } = await createConversation(t.app, user);
      const response = await append(id, { messages });
      expect(response.statusCode).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe('validation_failed');
      expect(error.message.startsWith(path)).toBe(true);
      if (says) expect(error.message).toContain(says);
      expect(error.details.issues[0].path.startsWith(path)).toBe(true);
      expect((await stored(id)).messages).toHaveLength(4);
    });

    it('refuses a body that is no list of messages', async () => {
      const { id } = await createConversation(t.app, user);
      for (const body of [
        { messages: [] },
        { messages: ['hi'] },
        { messages: [{ content: 'no role' }] },
        [{ role: 'user', content: 'hi' }],
      ]) {
        const response = await append(id, body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.json().error.code).toBe('validation_failed');
      }
      expect((await stored(id)).messages).toHaveLength(4);
    });
  });

  it('deletes a conversation', async () => {
    const { id } = await createConversation(t.app, user);
    expect((await call(t.app, 'DELETE', `/api/v1/conversations/${id}`, { auth: user.bearer })).statusCode).toBe(204);
    const gone = await call(t.app, 'GET', `/api/v1/conversations/${id}`, { auth: user.bearer });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('conversation_not_found');
  });
});
