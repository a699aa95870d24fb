// The smallest Fastify server with a /healthz: the baseline of bench/viewer/startup.ts. Plain
// JavaScript (not TypeScript through tsx), as the built `chatshare serve` is plain JavaScript too,
// so neither start-up pays for a loader.
import Fastify from 'fastify';

const app = Fastify();
app.get('/healthz', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
