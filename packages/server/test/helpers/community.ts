/** Factories for community publishing tests: a presented snapshot as another instance sends it. */
import type { FastifyInstance } from 'fastify';
import { call, cookieFrom, type TestUser } from './api.js';

export const SENDER = 'https://chat.sender.example';

export function buildSnapshot(overrides: Record<string, unknown> = {}) {
  return {
    format: 1,
    title: 'Planning a trip to Lisbon',
    models: ['gpt-4o'],
    messages: [
      {
        id: 'm1',
        parentId: null,
        role: 'user',
        author: 'Ana',
        parts: [{ type: 'text', text: 'What should I see in Lisbon?' }],
        createdAt: '2026-05-01T10:00:00.000Z',
      },
      {
        id: 'm2',
        parentId: 'm1',
        role: 'assistant',
        model: 'gpt-4o',
        parts: [{ type: 'text', text: 'Start with **Alfama** and Belém.' }],
      },
    ],
    ...overrides,
  };
}

export function publicationBody(overrides: Record<string, unknown> = {}) {
  return {
    conversation: buildSnapshot(),
    title: 'Lisbon in three days',
    showAuthor: false,
    sourceOrigin: SENDER,
    ...overrides,
  };
}

export const publish = (app: FastifyInstance, user: TestUser, body: unknown = publicationBody()) =>
  call(app, 'POST', '/api/v1/community/publications', { auth: user.session, body });

/** How many conversations the user has stored. */
export async function conversationCount(app: FastifyInstance, user: TestUser): Promise<number> {
  const rows = await app.db.selectFrom('conversations').select('id').where('owner_id', '=', user.id).execute();
  return rows.length;
}

/** Signs up with a display name; returns the session cookie. */
export async function signUpNamed(app: FastifyInstance, name: string): Promise<TestUser> {
  const email = `${name.toLowerCase()}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  const response = await call(app, 'POST', '/api/v1/auth/signup', {
    body: { email, password: 'correct horse battery', name },
  });
  if (response.statusCode !== 201) throw new Error(`signup failed: ${response.body}`);
  const cookie = cookieFrom(response, 'cs_session')!;
  return { id: response.json().user.id, email, cookie, token: '', session: { cookie }, bearer: { cookie } };
}
