/** Whatever a client sends, the answer is never a 500: random bodies and queries on every route. */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, createConversation, createShare, signUp, type TestUser } from '../helpers/api.js';

let t: TestApp;
let user: TestUser;
let routes: ['GET' | 'POST' | 'PATCH' | 'DELETE', string][];

beforeAll(async () => {
  t = await buildTestApp(
    {},
    {
      rateLimits: {
        auth: { max: 100_000, windowMs: 60_000 },
        shareCreate: { max: 100_000, windowMs: 60_000 },
        unlock: { max: 100_000, windowMs: 60_000 },
        shareMiss: { max: 100_000, windowMs: 60_000 },
      },
    },
  );
  user = await signUp(t.app);
  const { id } = await createConversation(t.app, user);
  const share = await createShare(t.app, user, { conversationId: id, password: 'pw' });
  routes = [
    ['POST', '/api/v1/auth/signup'],
    ['POST', '/api/v1/auth/signin'],
    ['POST', '/api/v1/auth/verify'],
    ['POST', '/api/v1/tokens'],
    ['POST', '/api/v1/conversations'],
    ['PATCH', `/api/v1/conversations/${id}`],
    ['POST', `/api/v1/conversations/${id}/messages`],
    ['POST', '/api/v1/shares'],
    ['PATCH', `/api/v1/shares/${share.settings.id}`],
    ['POST', `/s/${share.shortCode}/unlock`],
  ];
});
afterAll(() => t.close());

it('answers random JSON bodies on every write route with a 2xx or a 4xx error body', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 9 }), fc.jsonValue({ maxDepth: 4 }), async (index, body) => {
      const [method, url] = routes[index]!;
      const response = await call(t.app, method, url, { auth: user.bearer, body: { value: body } });
      const direct = await call(t.app, method, url, { auth: user.bearer, body: body === null ? {} : (body as object) });
      for (const answer of [response, direct]) {
        expect(answer.statusCode, `${method} ${url} ${answer.body}`).toBeLessThan(500);
        if (answer.statusCode >= 400) expect(typeof answer.json().error.code).toBe('string');
      }
    }),
    { numRuns: 150 },
  );
});

it('answers random query strings and path segments with a 2xx or a 4xx', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(
        '/api/v1/conversations',
        '/api/v1/shares',
        '/api/v1/shared/',
        '/api/v1/shares/',
        '/api/v1/conversations/',
      ),
      fc.string({ maxLength: 40 }),
      fc.dictionary(
        fc.constantFrom('q', 'cursor', 'limit', 'sort', 'order', 'status', 'format'),
        fc.string({ maxLength: 30 }),
      ),
      async (base, segment, query) => {
        const url = `${base}${base.endsWith('/') ? encodeURIComponent(segment) || 'x' : ''}?${new URLSearchParams(query)}`;
        const response = await call(t.app, 'GET', url, { auth: user.bearer });
        expect(response.statusCode, `${url} ${response.body}`).toBeLessThan(500);
      },
    ),
    { numRuns: 300 },
  );
});

it('answers raw garbage bodies with a 4xx', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('application/json', 'application/x-ndjson', 'application/x-www-form-urlencoded', 'text/plain'),
      async (payload, type) => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/conversations',
          headers: { authorization: `Bearer ${user.token}`, 'content-type': type },
          payload,
        });
        expect(response.statusCode, `${type} ${JSON.stringify(payload)} ${response.body}`).toBeLessThan(500);
      },
    ),
    { numRuns: 200 },
  );
});

it('stores titles, names and searches that contain NUL and control characters, on every dialect', async () => {
  const signup = await call(t.app, 'POST', '/api/v1/auth/signup', {
    body: { email: 'nul@example.com', password: 'long enough password', name: 'N\u0000ame\u0007' },
  });
  expect(signup.json().user.name).toBe('Name');
  const token = await call(t.app, 'POST', '/api/v1/tokens', { auth: user.bearer, body: { name: 'ci\u0000' } });
  expect(token.json().apiToken.name).toBe('ci');
  const { id } = await createConversation(t.app, user);
  const renamed = await call(t.app, 'PATCH', `/api/v1/conversations/${id}`, {
    auth: user.bearer,
    body: { title: 'a\u0000b' },
  });
  expect(renamed.json().title).toBe('ab');
  const share = await call(t.app, 'POST', '/api/v1/shares', {
    auth: user.bearer,
    body: { conversationId: id, title: 't\u0000', password: 'p\u0000w' },
  });
  expect(share.statusCode).toBe(201);
  expect(share.json().settings.title).toBe('t');
  for (const url of [
    `/api/v1/conversations?q=${encodeURIComponent('a\u0000')}`,
    `/api/v1/conversations/${encodeURIComponent('x\u0000')}`,
    `/api/v1/shares?q=%00`,
  ]) {
    expect((await call(t.app, 'GET', url, { auth: user.bearer })).statusCode).toBeLessThan(500);
  }
});
