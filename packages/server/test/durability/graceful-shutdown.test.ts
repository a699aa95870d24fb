/**
 * SIGTERM during uploads: a request that had started finishes and is stored whole, its
 * response says `Connection: close` and the connection ends, so the process exits (0) without
 * waiting for clients to hang up; a request that starts after the signal, on a connection
 * opened before it, gets a clean 503 in the API's error shape and stores nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { client, signUpOver, startServer, waitFor, type ServerProcess } from './server-process.js';

const servers: ServerProcess[] = [];
const sockets: Socket[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  for (const server of servers) server.child.kill('SIGKILL');
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const TEXT_LENGTH = 600_000;
const upload = (title: string) =>
  JSON.stringify({
    title,
    messages: [{ id: 'u-1', parentId: null, role: 'user', parts: [{ type: 'text', text: 'x'.repeat(TEXT_LENGTH) }] }],
    currentLeafId: 'u-1',
  });

/** A raw HTTP/1.1 connection (kept alive, as browsers and fetch do), to send a request in pieces. */
function rawConnection(port: number) {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let received = '';
  let ended = false;
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  socket.on('close', () => (ended = true));
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return {
    connected,
    socket,
    received: () => received,
    ended: () => ended,
    head: (token: string, body: string) =>
      `POST /api/v1/conversations HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
  };
}

const statusOf = (raw: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
const headerOf = (raw: string, name: string) =>
  new RegExp(`\\r\\n${name}: ([^\\r]*)\\r\\n`, 'i').exec(raw.slice(0, raw.indexOf('\r\n\r\n') + 2))?.[1];

it('finishes a slow upload begun before SIGTERM, refuses a late one cleanly, and exits 0', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chatshare-shutdown-'));
  dirs.push(dataDir);
  const server = await startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  servers.push(server);
  const owner = await signUpOver(server.base);

  // The slow upload: headers and a tenth of the body now, the rest after the signal.
  const slow = rawConnection(server.port);
  await slow.connected;
  const body = upload('Slow upload');
  slow.socket.write(slow.head(owner.token, body));
  const tenth = Math.ceil(body.length / 10);
  slow.socket.write(body.slice(0, tenth));
  // A connection accepted before the signal, whose request comes after it.
  const late = rawConnection(server.port);
  await late.connected;
  await waitFor(() => server.output().includes('"url":"/api/v1/conversations"'), 10_000, 'the upload to reach the app');

  server.child.kill('SIGTERM');
  await waitFor(() => server.output().includes('new ones get 503'), 10_000, 'the server to begin closing');
  const lateBody = upload('Late upload');
  late.socket.write(late.head(owner.token, lateBody) + lateBody);
  for (let offset = tenth; offset < body.length; offset += tenth) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    slow.socket.write(body.slice(offset, offset + tenth));
  }

  // Both answered; both connections closed by the server, though neither client hung up.
  await waitFor(() => slow.ended() && late.ended(), 10_000, 'the server to close both connections');
  expect(statusOf(slow.received())).toBe(201);
  expect(headerOf(slow.received(), 'connection')).toBe('close');
  expect(statusOf(late.received())).toBe(503);
  expect(headerOf(late.received(), 'connection')).toBe('close');
  expect(headerOf(late.received(), 'retry-after')).toBeDefined();
  expect(JSON.parse(late.received().slice(late.received().indexOf('\r\n\r\n') + 4)).error.code).toBe('shutting_down');
  expect(await server.exited).toEqual({ code: 0, signal: null });

  // After a restart: the slow upload is there whole, the late one not at all.
  const again = await startServer({ DATA_DIR: dataDir });
  servers.push(again);
  const api = client(again.base, owner.token);
  const listed = await api.request('GET', '/api/v1/conversations');
  expect(listed.status).toBe(200);
  const titles = (listed.body.items as { title: string }[]).map((item) => item.title);
  expect(titles).toEqual(['Slow upload']);
  const stored = await api.request('GET', `/api/v1/conversations/${listed.body.items[0].id}`);
  expect(stored.body.messages[0].parts[0].text).toHaveLength(TEXT_LENGTH);
  again.child.kill('SIGTERM');
  expect((await again.exited).code).toBe(0);
}, 45_000);
