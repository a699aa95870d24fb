/**
 * The ceiling for a Node server on this machine: a bare Fastify route that returns the same
 * page bytes from memory, with no lookup, no headers of ours and no hooks. With an encoding, the
 * file holds bytes chatshare sent compressed, and the route labels them with that Content-Encoding.
 * Usage (from throughput.ts): node --conditions=@chatshare/source --import tsx bench/viewer/ceiling.ts <port> <file> [encoding]
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [port, file, encoding] = process.argv.slice(2);
const body = readFileSync(file!);
const app = Fastify();
app.get('/', (_request, reply) => {
  reply.header('content-type', 'text/html; charset=utf-8');
  if (encoding) reply.header('content-encoding', encoding);
  return reply.send(body);
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
