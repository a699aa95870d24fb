/**
 * Rate limits on guessable and abusable paths (DESIGN §7): per-route limits through
 * @fastify/rate-limit, and a miss counter that slows down share-code guessing. Both use
 * Redis when configured so the limits hold across instances.
 */
import rateLimit from '@fastify/rate-limit';
import { errors } from '@chatshare/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createMemoryHitCounter, createRedisHitCounter, type HitCounter } from './hit-counter.js';

declare module 'fastify' {
  interface FastifyInstance {
    shareMisses: {
      /** Throws 429 if this address has missed too often on share paths. */
      check(request: FastifyRequest, reply: FastifyReply): Promise<void>;
      record(request: FastifyRequest): Promise<void>;
    };
  }
}

export default fp(
  async function rateLimits(app: FastifyInstance) {
    await app.register(rateLimit, {
      global: false,
      ...(app.redis ? { redis: app.redis, nameSpace: `${app.redisKeyPrefix}rl:` } : {}),
      errorResponseBuilder: (_request, context) =>
        Object.assign(errors.rateLimited(`Too many requests. Try again in ${Math.ceil(context.ttl / 1000)} s.`), {
          statusCode: 429,
        }),
    });

    let counter: HitCounter;
    if (app.redis) {
      counter = createRedisHitCounter(app.redis, `${app.redisKeyPrefix}hits:`);
    } else {
      const memory = createMemoryHitCounter();
      const timer = setInterval(() => memory.sweep(), 60_000).unref();
      app.addHook('onClose', async () => clearInterval(timer));
      counter = memory;
    }
    const { max, windowMs } = app.rateLimits.shareMiss;
    const key = (request: FastifyRequest) => `miss:${request.ip}`;
    app.decorate('shareMisses', {
      async check(request: FastifyRequest, reply: FastifyReply) {
        if ((await counter.count(key(request))) < max) return;
        reply.header('retry-after', String(Math.ceil(windowMs / 1000)));
        throw errors.rateLimited('Too many unknown links from your address. Try again later.');
      },
      async record(request: FastifyRequest) {
        await counter.hit(key(request), windowMs);
      },
    });
  },
  { name: 'rate-limits', dependencies: ['context'] },
);
