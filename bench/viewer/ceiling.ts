/**
 * The ceiling for a Node server on this machine: a bare Fastify route that returns the same
 * page bytes from memory, with no lookup, no headers of ours and no hooks.
 * Usage (from run.ts): node --conditions=@chatshare/source --import tsx bench/viewer/ceiling.ts <port> <file>
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [port, file] = process.argv.slice(2);
const body = readFileSync(file!);
const app = Fastify();
app.get('/', (_request, reply) => reply.header('content-type', 'text/html; charset=utf-8').send(body));
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
