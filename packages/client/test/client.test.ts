import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errors, ImportError } from '@chatshare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/free-port.js';
import { parseRetryAfter } from '../src/errors.js';
import { ChatshareError, createClient, safe, SERVER_ERROR_CODES, type ChatshareClient } from '../src/index.js';
import { failure, signedUpTokenClient, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let client: ChatshareClient;
/** Answers like a misbehaving reverse proxy in front of chatshare: HTML, whatever the path. */
let proxy: Server;
let proxyUrl: string;

beforeAll(async () => {
  server = await startServer();
  client = await signedUpTokenClient(server.baseUrl, 'client@example.com');
  proxy = createServer((request, response) => {
    const healthy = request.url === '/healthz';
    response.writeHead(healthy ? 200 : 502, {
      'content-type': 'text/html',
      ...(healthy ? {} : { 'retry-after': '30' }),
    });
    response.end('<html><body>Bad gateway</body></html>');
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await server.close();
});

describe('the client', () => {
  it('reports the server as healthy and ready', async () => {
    expect(await client.health()).toEqual({ status: 'ok' });
    expect(await client.ready()).toEqual({ status: 'ready' });
  });

  it('accepts a base URL with a trailing slash', async () => {
    expect(await createClient({ baseUrl: `${server.baseUrl}/` }).health()).toEqual({ status: 'ok' });
  });

  it('encodes ids into the path, so an id cannot reach another route', async () => {
    const error = await failure(client.shares.get('../tokens'));
    expect(error).toMatchObject({ status: 404, code: 'share_not_found' });
    expect(error.url).toBe(`${server.baseUrl}/api/v1/shares/..%2Ftokens`);
  });

  it("throws ChatshareError with the server's status, code and message", async () => {
    const error = await failure(client.conversations.get('missing'));
    expect(error).toBeInstanceOf(ChatshareError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ChatshareError',
      status: 404,
      code: 'conversation_not_found',
      message: 'Conversation not found.',
      method: 'GET',
      retryAfter: undefined,
    });
  });

  it('reports a query the server rejects as validation_failed with the issues in details', async () => {
    const error = await failure(client.shares.list({ limit: 1000 }));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.details).toEqual({ issues: [expect.objectContaining({ path: 'querystring.limit' })] });
  });

  it('reports a call that needs a sign-in as unauthenticated (401)', async () => {
    const anonymous = createClient({ baseUrl: server.baseUrl });
    expect(await failure(anonymous.conversations.list())).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('turns a refused connection into network_error with status 0', async () => {
    const port = await freePort();

    const error = await failure(createClient({ baseUrl: `http://127.0.0.1:${port}` }).health());
    expect(error).toMatchObject({ status: 0, code: 'network_error' });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('turns an aborted request into aborted with status 0', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(client.me({ signal: controller.signal }));
    expect(error).toMatchObject({ status: 0, code: 'aborted' });
  });

  it("reports an error page without the server's JSON as http_error, keeping status and Retry-After", async () => {
    const error = await failure(createClient({ baseUrl: proxyUrl, token: 'any' }).shares.list());
    expect(error).toMatchObject({ status: 502, code: 'http_error', retryAfter: 30 });
  });

  it('reports a success whose body is not JSON as invalid_response', async () => {
    const error = await failure(createClient({ baseUrl: proxyUrl }).health());
    expect(error).toMatchObject({ status: 200, code: 'invalid_response' });
  });

  it('sends per-call headers along with the client-wide ones', async () => {
    const seen: Headers[] = [];
    const spying = createClient({
      baseUrl: server.baseUrl,
      headers: { 'x-app': 'tests' },
      fetch: (url, init) => {
        seen.push(new Headers(init.headers));
        return fetch(url, init);
      },
    });
    await spying.health({ headers: { 'x-call': 'one' } });
    expect(seen[0]!.get('x-app')).toBe('tests');
    expect(seen[0]!.get('x-call')).toBe('one');
    expect(seen[0]!.get('content-type')).toBeNull();
  });
});

describe('safe()', () => {
  it('returns the value of a call that succeeds', async () => {
    expect(await safe(client.health())).toEqual({ ok: true, value: { status: 'ok' } });
    expect(await safe(() => client.health())).toEqual({ ok: true, value: { status: 'ok' } });
  });

  it('returns the ChatshareError of a call that fails, as a value', async () => {
    const result = await safe(client.shares.get('nope'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('share_not_found');
  });

  it('still rejects on errors that are not ChatshareErrors, which are bugs', async () => {
    await expect(safe(Promise.reject(new TypeError('bug')))).rejects.toThrow('bug');
  });
});

describe('error codes and Retry-After', () => {
  it('lists every error code the server can send', () => {
    const codes = [
      ...Object.values(errors).map((make) => make().code),
      new ImportError('', 'unreadable').code,
      'internal_error',
      'route_not_found',
      'not_ready',
    ];
    expect(SERVER_ERROR_CODES).toEqual(expect.arrayContaining(codes));
    expect(new Set(SERVER_ERROR_CODES)).toEqual(new Set(codes));
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Mon, 01 Jun 2026 12:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Mon, 01 Jun 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
