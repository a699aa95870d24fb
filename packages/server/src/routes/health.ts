import type { FastifyInstance } from 'fastify';
import { ErrorSchema } from './api/common-schema.js';
import { HealthSchema, ReadinessSchema } from './ops-schema.js';
import { PG_CONNECT_TIMEOUT_MS, ping } from '../db/connect.js';
import { DATABASE_RETRY_AFTER_S } from '../db/unavailable.js';

/** A ping that does not answer within this long counts as "the database is down". */
const PING_TIMEOUT_MS = PG_CONNECT_TIMEOUT_MS;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `/readyz` answers for the database, which every request needs: 503 `not_ready` (with
 * Retry-After) while it does not answer. Redis only holds rate-limit counters, so without it
 * the instance still serves (limits per instance): 200 `degraded`, so a load balancer keeps
 * sending it traffic. Both answer at once: Redis's state is known without waiting on it.
 */
export default async function healthRoutes(app: FastifyInstance) {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['ops'],
        summary: 'The process is up',
        response: { 200: HealthSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['ops'],
        summary: 'The database answers (200 `degraded` when only Redis does not)',
        response: {
          200: ReadinessSchema,
          503: ErrorSchema,
        },
      },
    },
    async (_request, reply) => {
      try {
        await withTimeout(ping(app.db), PING_TIMEOUT_MS);
      } catch (error) {
        app.log.warn({ err: error }, 'not ready: the database does not answer');
        reply.header('retry-after', String(DATABASE_RETRY_AFTER_S));
        return reply.status(503).send({ error: { code: 'not_ready', message: 'The database does not answer.' } });
      }
      if (app.redisLink && (await app.redisLink.check()) === 'down') {
        return { status: 'degraded' as const, redis: 'down' as const };
      }
      return { status: 'ready' as const };
    },
  );
}
