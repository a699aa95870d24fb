/**
 * An upload past the form's limits (one file, five fields, six parts) is refused with a
 * stable code and a message of ours, never the parser's own words under a generic code.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/api.js';
import { signedUpApp } from '../helpers/signed-up-app.js';

const test = signedUpApp();

const BOUNDARY = 'limits-boundary';
const chat = JSON.stringify([{ role: 'user', content: 'Hello' }]);
const field = (name: string, value: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const file = (name: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
  `Content-Type: application/json\r\n\r\n${chat}\r\n`;
const upload = (parts: string[]) =>
  call(test.t.app, 'POST', '/api/v1/imports', {
    auth: test.users[0]!.bearer,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: `${parts.join('')}--${BOUNDARY}--\r\n`,
  });

describe('multipart limits', () => {
  it('takes one file with a field beside it', async () => {
    const response = await upload([field('note', 'x'), file('a.json')]);
    expect(response.statusCode).toBe(201);
  });

  it('refuses more fields than an import takes with 413 payload_too_large', async () => {
    const fields = Array.from({ length: 6 }, (_, i) => field(`f${i}`, 'x'));
    const response = await upload([...fields, file('a.json')]);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect((response.json() as { error: { message: string } }).error.message).toMatch(/send the file alone/);
  });
});
