/**
 * JSON bodies with keys that would reach an object's prototype are refused (Fastify's parser,
 * `protoAction: 'error'`) with a message that says why, not "not valid JSON".
 */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/api.js';
import { signedUpApp } from '../helpers/signed-up-app.js';

const test = signedUpApp();

const post = (body: string) =>
  call(test.t.app, 'POST', '/api/v1/conversations', {
    auth: test.users[0]!.bearer,
    headers: { 'content-type': 'application/json' },
    body,
  });

describe('prototype keys in JSON bodies', () => {
  it.each([
    ['a __proto__ key', '{"title":"x","__proto__":{"admin":true},"messages":[]}'],
    ['a nested __proto__ key', '{"title":"x","messages":[{"role":"user","__proto__":{}}]}'],
    ['constructor.prototype', '{"title":"x","constructor":{"prototype":{"admin":true}},"messages":[]}'],
  ])('%s: 400 invalid_json naming the key', async (_, body) => {
    const response = await post(body);
    expect(response.statusCode).toBe(400);
    const { error } = response.json() as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid_json');
    expect(error.message).toMatch(/__proto__/);
  });

  it('a body that is not JSON at all keeps the plain message', async () => {
    const response = await post('{"title":');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'invalid_json', message: 'The request body is not valid JSON.' },
    });
  });
});
