import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ErrorSchema } from './api/common-schema.js';
import { ping } from '../db/connect.js';

export default async function healthRoutes(app: FastifyInstance) {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['ops'],
        summary: 'The process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['ops'],
        summary: 'The database (and Redis, if used) answers',
        response: { 200: Type.Object({ status: Type.Literal('ready') }), 503: ErrorSchema },
      },
    },
    async (_request, reply) => {
      try {
        await ping(app.db);
        if (app.redis) await app.redis.ping();
        return { status: 'ready' };
      } catch (error) {
        app.log.warn({ err: error }, 'not ready');
        return reply.status(503).send({ error: { code: 'not_ready', message: 'A backing service does not answer.' } });
      }
    },
  );
}
