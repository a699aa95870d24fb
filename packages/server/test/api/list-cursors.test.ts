/**
 * A forged cursor on any owner or admin list is a 400 `invalid_cursor`, never a database
 * error: a well-formed cursor whose value is of the wrong kind for the sort column included
 * (PostgreSQL refuses to compare a number column with text).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/repositories/cursor.js';
import { call, createConversation, createShare } from '../helpers/api.js';
import { signedUpApp } from '../helpers/signed-up-app.js';

// The first user is the instance's admin, the second owns three links.
const test = signedUpApp(2);
const app = () => test.t.app;
const admin = () => test.users[0]!;
const owner = () => test.users[1]!;
beforeAll(async () => {
  for (let i = 0; i < 3; i++) {
    const conversation = await createConversation(app(), owner());
    await createShare(app(), owner(), { conversationId: conversation.id, privacy: 'unlisted' });
  }
});

const text = encodeCursor('2026-01-01T00:00:00.000Z', 'some-id');
const number = encodeCursor(5, 'some-id');

describe('list cursors of the wrong kind', () => {
  it.each([
    ['links by views, a text cursor', '/api/v1/shares?sort=views', text],
    ['links by date, a number cursor', '/api/v1/shares?sort=created', number],
    ['links by title, a number cursor', '/api/v1/shares?sort=title', number],
    ['conversations, a number cursor', '/api/v1/conversations', number],
  ])('%s: 400 invalid_cursor', async (_, path, cursor) => {
    const response = await call(app(), 'GET', `${path}${path.includes('?') ? '&' : '?'}cursor=${cursor}`, {
      auth: owner().bearer,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'invalid_cursor' } });
  });

  it('reports by date, a number cursor: 400 invalid_cursor', async () => {
    const response = await call(app(), 'GET', `/api/v1/admin/reports?cursor=${number}`, { auth: admin().bearer });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'invalid_cursor' } });
  });

  it('pages on with the cursors the lists hand out', async () => {
    const first = await call(app(), 'GET', '/api/v1/shares?sort=views&limit=2', { auth: owner().bearer });
    const { nextCursor } = first.json() as { nextCursor: string };
    const next = await call(app(), 'GET', `/api/v1/shares?sort=views&limit=2&cursor=${nextCursor}`, {
      auth: owner().bearer,
    });
    expect(next.statusCode).toBe(200);
    expect((next.json() as { items: unknown[] }).items).toHaveLength(1);
  });
});
