/**
 * A forged cursor on any owner or admin list is a 400 `invalid_cursor`, never a database
 * error: a well-formed cursor whose value is of the wrong kind for the sort column included
 * (PostgreSQL refuses to compare a number column with text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/repositories/cursor.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, createConversation, createShare, signUp, type TestUser } from '../helpers/api.js';

let t: TestApp;
let admin: TestUser;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await signUp(t.app);
  owner = await signUp(t.app);
  for (let i = 0; i < 3; i++) {
    const conversation = await createConversation(t.app, owner);
    await createShare(t.app, owner, { conversationId: conversation.id, privacy: 'unlisted' });
  }
});
afterAll(() => t.close());

const text = encodeCursor('2026-01-01T00:00:00.000Z', 'some-id');
const number = encodeCursor(5, 'some-id');

describe('list cursors of the wrong kind', () => {
  it.each([
    ['links by views, a text cursor', '/api/v1/shares?sort=views', text],
    ['links by date, a number cursor', '/api/v1/shares?sort=created', number],
    ['links by title, a number cursor', '/api/v1/shares?sort=title', number],
    ['conversations, a number cursor', '/api/v1/conversations', number],
  ])('%s: 400 invalid_cursor', async (_, path, cursor) => {
    const response = await call(t.app, 'GET', `${path}${path.includes('?') ? '&' : '?'}cursor=${cursor}`, {
      auth: owner.bearer,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'invalid_cursor' } });
  });

  it('reports by date, a number cursor: 400 invalid_cursor', async () => {
    const response = await call(t.app, 'GET', `/api/v1/admin/reports?cursor=${number}`, { auth: admin.bearer });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'invalid_cursor' } });
  });

  it('pages on with the cursors the lists hand out', async () => {
    const first = await call(t.app, 'GET', '/api/v1/shares?sort=views&limit=2', { auth: owner.bearer });
    const { nextCursor } = first.json() as { nextCursor: string };
    const next = await call(t.app, 'GET', `/api/v1/shares?sort=views&limit=2&cursor=${nextCursor}`, {
      auth: owner.bearer,
    });
    expect(next.statusCode).toBe(200);
    expect((next.json() as { items: unknown[] }).items).toHaveLength(1);
  });
});
