/**
 * HTTP/1.1 over one raw keep-alive socket, for tests of what a connection does after a
 * request: each request is written whole, then its response read, then the next one sent.
 */
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What the connection gave for a request: a response, or it was closed, or nothing came in time. */
export type RawOutcome = RawResponse | 'closed' | 'timeout';

/** A request as bytes: `headers` without Host and Content-Length, which are added. */
export function rawRequest(method: string, path: string, headers: Record<string, string>, body?: Buffer | string) {
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body);
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: localhost', 'Connection: keep-alive'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body !== undefined) lines.push(`Content-Length: ${payload.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), payload]);
}

/** Parses one response at the start of `data` (Content-Length bodies only); undefined while incomplete. */
function parseResponse(data: Buffer): { response: RawResponse; rest: Buffer } | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [statusLine, ...headerLines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  if (data.length < end + 4 + length) return undefined;
  return {
    response: {
      status: Number(statusLine!.split(' ')[1]),
      headers,
      body: data.subarray(end + 4, end + 4 + length).toString('utf8'),
    },
    rest: data.subarray(end + 4 + length),
  };
}

/**
 * Sends the requests one after another on one connection; an outcome per request. After a
 * `closed` or `timeout` the remaining requests are not sent.
 */
export async function exchange(port: number, requests: Buffer[], timeoutMs = 3000): Promise<RawOutcome[]> {
  const socket: Socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let buffered: Buffer = Buffer.alloc(0);
  let closed = false;
  let wake: () => void = () => undefined;
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    wake();
  });
  socket.on('close', () => {
    closed = true;
    wake();
  });
  const outcomes: RawOutcome[] = [];
  try {
    for (const request of requests) {
      if (closed) break;
      socket.write(request);
      const deadline = Date.now() + timeoutMs;
      let outcome: RawOutcome | undefined;
      while (!outcome) {
        const parsed = parseResponse(buffered);
        if (parsed) {
          buffered = parsed.rest;
          outcome = parsed.response;
        } else if (closed) outcome = 'closed';
        else if (Date.now() >= deadline) outcome = 'timeout';
        else {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      }
      outcomes.push(outcome);
      if (typeof outcome === 'string') break;
    }
  } finally {
    socket.destroy();
  }
  return outcomes;
}
