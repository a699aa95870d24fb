import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call } from '../helpers/api.js';

let t: TestApp;
beforeAll(async () => void (t = await buildTestApp()));
afterAll(() => t.close());

it('publishes an OpenAPI 3 document listing every API route with its error responses', async () => {
  const response = await call(t.app, 'GET', '/api/docs/json');
  expect(response.statusCode).toBe(200);
  const doc = response.json();
  expect(doc.openapi).toMatch(/^3\./);
  const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
  for (const route of [
    'POST /api/v1/auth/signup',
    'POST /api/v1/auth/signin',
    'POST /api/v1/auth/signout',
    'POST /api/v1/auth/verify',
    'GET /api/v1/me',
    'GET /api/v1/auth/session',
    'GET /api/v1/tokens',
    'POST /api/v1/tokens',
    'DELETE /api/v1/tokens/{id}',
    'POST /api/v1/conversations',
    'GET /api/v1/conversations',
    'GET /api/v1/conversations/{id}',
    'PATCH /api/v1/conversations/{id}',
    'DELETE /api/v1/conversations/{id}',
    'POST /api/v1/conversations/{id}/messages',
    'GET /api/v1/conversations/{conversationId}/share',
    'POST /api/v1/shares',
    'GET /api/v1/shares',
    'DELETE /api/v1/shares',
    'GET /api/v1/shares/{id}',
    'PATCH /api/v1/shares/{id}',
    'DELETE /api/v1/shares/{id}',
    'GET /api/v1/shared/{code}',
    'POST /s/{code}/unlock',
    'GET /healthz',
    'GET /readyz',
  ]) {
    expect(routes).toContain(route);
  }
  const create = doc.paths['/api/v1/shares'].post;
  expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '401', '404', '429']));
  expect(create.requestBody.content['application/json'].schema.properties.privacy).toBeDefined();
});

it('serves the API reference page', async () => {
  const response = await call(t.app, 'GET', '/api/docs');
  expect([200, 302]).toContain(response.statusCode);
  const page = response.statusCode === 302 ? await call(t.app, 'GET', response.headers.location as string) : response;
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('swagger');
});

it('answers the front door with the front page, not a redirect', async () => {
  const response = await call(t.app, 'GET', '/');
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(response.headers.location).toBeUndefined();
  expect(response.body).toContain('href="/app/signin"');
});

it('answers /healthz and /readyz', async () => {
  expect((await call(t.app, 'GET', '/healthz')).json()).toEqual({ status: 'ok' });
  expect((await call(t.app, 'GET', '/readyz')).json()).toEqual({ status: 'ready' });
});
