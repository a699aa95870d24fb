import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
import { multipartFile } from '../helpers/multipart.js';

const fixture = (path: string) => readFileSync(new URL(`../../../core/test/fixtures/${path}`, import.meta.url));

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  user = await signUp(t.app);
});
afterAll(() => t.close());

const upload = (content: string | Buffer, query = '', who = user, app = t.app) => {
  const { payload, headers } = multipartFile(content);
  return app.inject({
    method: 'POST',
    url: `/api/v1/imports${query}`,
    headers: { ...headers, authorization: `Bearer ${who.token}` },
    payload,
  });
};

const count = async (who: TestUser) =>
  (await call(t.app, 'GET', '/api/v1/conversations?limit=100', { auth: who.bearer })).json().items.length as number;

describe('importing a whole export file', () => {
  it('imports every readable conversation and reports the unreadable one with a reason', async () => {
    const importer = await signUp(t.app);
    const response = await upload(fixture('chatgpt/librechat-fixture_chatgpt-modern-export.json'), '', importer);
    expect(response.statusCode).toBe(201);
    const report = response.json();
    expect(report.format).toBe('chatgpt');
    expect(report.imported.length).toBeGreaterThanOrEqual(2);
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]).toMatchObject({ index: 1 });
    expect(report.skipped[0].reason.length).toBeGreaterThan(0);
    expect(await count(importer)).toBe(report.imported.length);
    const first = await call(t.app, 'GET', `/api/v1/conversations/${report.imported[0].id}`, { auth: importer.bearer });
    expect(first.json().source.format).toBe('chatgpt');
  });

  it.each([
    ['claude/own_claude-export.json', 'claude'],
    ['openwebui/librechat-fixture_openwebui-export.json', 'openwebui'],
    ['librechat/librechat-tree.json', 'librechat'],
    ['openai-messages/cookbook_toy_chat_fine_tuning.first4lines.jsonl', 'openai'],
  ])('detects %s as %s', async (path, format) => {
    const response = await upload(fixture(path));
    expect(response.statusCode).toBe(201);
    expect(response.json().format).toBe(format);
    expect(response.json().imported.length).toBeGreaterThan(0);
  });

  it('imports nothing from a truncated file', async () => {
    const importer = await signUp(t.app);
    const text = fixture('chatgpt/librechat-fixture_chatgpt-modern-export.json').toString('utf8');
    const response = await upload(text.slice(0, Math.floor(text.length * 0.9)), '', importer);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('import_failed');
    expect(await count(importer)).toBe(0);
  });

  it('refuses a file of another format than the one asked for, and one nobody reads', async () => {
    const wrong = await upload(fixture('claude/own_claude-export.json'), '?format=chatgpt');
    expect(wrong.statusCode).toBe(400);
    const unknown = await upload('[{"hello":"world"}]');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('unsupported_format');
  });

  it('answers a JSON body with 415 and a missing sign-in with 401', async () => {
    const json = await call(t.app, 'POST', '/api/v1/imports', { auth: user.bearer, body: [] });
    expect(json.statusCode).toBe(415);
    const { payload, headers } = multipartFile('[]');
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers, payload });
    expect(anonymous.statusCode).toBe(401);
  });

  it('answers a file over IMPORT_MAX_MB with 413 and keeps nothing of it', async () => {
    const small = await buildTestApp({ importMaxBytes: 2048 });
    try {
      const importer = await signUp(small.app);
      const response = await upload(fixture('chatgpt/librechat-fixture_chatgpt-tree.json'), '', importer, small.app);
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('payload_too_large');
      const list = await call(small.app, 'GET', '/api/v1/conversations', { auth: importer.bearer });
      expect(list.json().items).toEqual([]);
    } finally {
      await small.close();
    }
  });
});
