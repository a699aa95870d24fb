/** What leaves the server: the public read holds no field it should not, and secrets are flagged and redacted. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildConversation, call, createConversation, createShare, signUp, type TestUser } from '../helpers/api.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await signUp(t.app, 'owner-secret-mail@example.com');
  await call(t.app, 'POST', '/api/v1/auth/signout', { auth: owner.session });
});
afterAll(() => t.close());

/** Every key anywhere in a JSON value. */
const keysOf = (value: unknown): string[] =>
  typeof value !== 'object' || value === null
    ? []
    : Array.isArray(value)
      ? value.flatMap(keysOf)
      : Object.entries(value).flatMap(([key, item]) => [key, ...keysOf(item)]);

describe('the public snapshot', () => {
  it('holds no owner identity, internal id, system prompt, hidden context or settings', async () => {
    const conversation = await createConversation(t.app, owner);
    const share = await createShare(t.app, owner, { conversationId: conversation.id, password: 'pw-secret-123' });
    await call(t.app, 'POST', `/s/${share.shortCode}/unlock`, { body: { password: 'pw-secret-123' } });
    const response = await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, { auth: owner.bearer });
    const body = response.body;
    for (const forbidden of [
      owner.id,
      'owner-secret-mail',
      conversation.id,
      share.settings.id,
      'SYSTEM-PROMPT-SECRET',
      'CUSTOM-INSTRUCTIONS-SECRET',
      'sys-1',
      'u-1',
      'a-1',
      'Ana',
      'pw-secret',
      'scrypt',
      'An older answer on another branch.',
    ]) {
      expect(body, forbidden).not.toContain(forbidden);
    }
    const json = response.json();
    expect(Object.keys(json).sort()).toEqual([
      'live',
      'messageCount',
      'messages',
      'models',
      'sharedAt',
      'sharedBy',
      'shortCode',
      'title',
    ]);
    const allowedKeys = new Set([
      ...Object.keys(json),
      'id',
      'parentId',
      'role',
      'parts',
      'createdAt',
      'status',
      'model',
      'author',
      'type',
      'text',
      'language',
      'src',
      'alt',
      'name',
      'input',
      'output',
      'mediaType',
    ]);
    expect(keysOf(json).filter((key) => !allowedKeys.has(key))).toEqual([]);
    expect(json.messages.map((m: { id: string; parentId: string | null }) => [m.id, m.parentId])).toEqual([
      ['m1', null],
      ['m2', 'm1'],
    ]);
    expect(json.sharedBy).toBeNull();
  });

  it('shows author names and who shared only when the owner opts in', async () => {
    const named = await signUp(t.app);
    await call(t.app, 'POST', '/api/v1/auth/signup', { body: { email: 'x@example.com', password: 'long enough pw' } });
    const conversation = await createConversation(t.app, named);
    const share = await createShare(t.app, named, { conversationId: conversation.id });
    const hidden = (await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`)).json();
    expect(hidden.messages[0]).not.toHaveProperty('author');
    await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: named.bearer,
      body: { showAuthor: true },
    });
    const shown = (await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`)).json();
    expect(shown.messages[0].author).toBe('Ana');
  });
});

describe('secret scanning', () => {
  const leaky = buildConversation({
    title: 'Debugging my deploy',
    messages: [
      {
        id: 'u',
        parentId: null,
        role: 'user',
        parts: [
          {
            type: 'text',
            text: 'My key is sk-proj-abcdefghijklmnopqrstuvwxyz123456 and AWS AKIAIOSFODNN7EXAMPLE, mail me at dev@corp.example',
          },
        ],
      },
      {
        id: 'a',
        parentId: 'u',
        role: 'assistant',
        parts: [
          { type: 'code', language: 'bash', text: 'export GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB' },
          {
            type: 'tool_call',
            name: 'http',
            input: {
              headers: {
                Authorization:
                  'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
              },
            },
          },
        ],
      },
    ],
    currentLeafId: 'a',
  });

  it('warns about API keys, tokens, JWTs and emails, with masked previews and where they are', async () => {
    const { id } = await createConversation(t.app, owner, leaky);
    const share = await createShare(t.app, owner, { conversationId: id });
    expect(share.warnings.map((w) => w.kind).sort()).toEqual([
      'aws_access_key',
      'email',
      'github_token',
      'jwt',
      'openai_key',
    ]);
    expect(share.warnings.every((w) => !w.redacted)).toBe(true);
    expect(JSON.stringify(share.warnings)).not.toContain('abcdefghijklmnopqrstuvwxyz123456');
    expect(share.warnings.find((w) => w.kind === 'github_token')!.location).toBe('messages[1]');
    // Without redaction the content is shared as it is.
    expect((await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`)).body).toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('replaces every secret in the shared copy with redact: true, and leaves the conversation intact', async () => {
    const { id } = await createConversation(t.app, owner, leaky);
    const share = await createShare(t.app, owner, { conversationId: id, redact: true });
    expect(share.warnings).toHaveLength(5);
    expect(share.warnings.every((w) => w.redacted)).toBe(true);
    const shared = (await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`)).body;
    for (const secret of [
      'sk-proj-abcdef',
      'AKIAIOSFODNN7EXAMPLE',
      'dev@corp.example',
      'ghp_0123',
      'eyJhbGciOiJIUzI1NiJ9',
    ]) {
      expect(shared).not.toContain(secret);
    }
    expect(shared).toContain('[REDACTED OpenAI API key]');
    expect(shared).toContain('[REDACTED JSON Web Token]');
    const original = (await call(t.app, 'GET', `/api/v1/conversations/${id}`, { auth: owner.bearer })).body;
    expect(original).toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('tells the owner what a share would publish before anything is shared', async () => {
    const { id } = await createConversation(t.app, owner, leaky);
    const scan = await call(t.app, 'GET', `/api/v1/conversations/${id}/secrets`, { auth: owner.bearer });
    expect(scan.statusCode).toBe(200);
    expect(
      scan
        .json()
        .warnings.map((w: { kind: string }) => w.kind)
        .sort(),
    ).toEqual(['aws_access_key', 'email', 'github_token', 'jwt', 'openai_key']);
    expect((await call(t.app, 'GET', `/api/v1/conversations/${id}/share`, { auth: owner.bearer })).statusCode).toBe(
      404,
    );
    const stranger = await signUp(t.app);
    expect(
      (await call(t.app, 'GET', `/api/v1/conversations/${id}/secrets`, { auth: stranger.bearer })).statusCode,
    ).toBe(404);
  });

  it('keeps redacting at every refresh once chosen, until the owner turns it off', async () => {
    const { id } = await createConversation(t.app, owner, leaky);
    const share = await createShare(t.app, owner, { conversationId: id, redact: true });
    expect(share.settings.redact).toBe(true);
    await call(t.app, 'POST', `/api/v1/conversations/${id}/messages`, {
      auth: owner.bearer,
      body: { messages: [{ role: 'user', parts: [{ type: 'text', text: 'new key AKIAABCDEFGHIJKLMNOP' }] }] },
    });
    const refreshed = await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: owner.bearer,
      body: { refresh: true },
    });
    expect(refreshed.json().settings.redact).toBe(true);
    const again = await createShare(t.app, owner, { conversationId: id });
    expect(again.settings.redact).toBe(true);
    const body = (await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`)).body;
    expect(body).not.toContain('AKIAABCDEFGHIJKLMNOP');
    expect(body).not.toContain('AKIAIOSFODNN7EXAMPLE');
    const off = await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: owner.bearer,
      body: { redact: false },
    });
    expect(off.json().settings.redact).toBe(false);
    expect((await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`)).body).toContain('AKIAABCDEFGHIJKLMNOP');
  });
});
