/**
 * Rate limits on guessable and abusable paths (docs/design.md §Security): per-route limits through
 * @fastify/rate-limit, and a miss counter that slows down share-code guessing. Both use
 * Redis when configured so the limits hold across instances.
 *
 * The miss limit limits misses, not hits: past it, unknown codes from that address are 429,
 * while links that exist still open, so one guesser behind a shared NAT (an office, a phone
 * network) does not lock everyone behind it out of the links they were sent.
 */
import rateLimit from '@fastify/rate-limit';
import { errors, isAppError } from '@chatshare/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createFallbackHitCounter, createMemoryHitCounter, createRedisHitCounter } from './hit-counter.js';
import { hitCounterStore } from './rate-limit-store.js';
import { routeRateLimit } from './route-rate-limit.js';

/**
 * Copies of shared links saved by one reader (the API and the page's form together): each is
 * a new conversation in their account, so a script could otherwise fill the database. Generous
 * for a person, who saves one copy at a time.
 */
export const COPY_LIMIT = { max: 30, windowMs: 10 * 60_000 };

declare module 'fastify' {
  interface FastifyInstance {
    shareMisses: {
      /**
       * Runs the share lookup of a code-addressed path. Its "not found" counts as a miss for
       * the address, and past the limit the miss is a 429 with Retry-After instead of the 404;
       * whatever else the lookup gives (a share, 401, 410) passes unchanged.
       *
       * @example const { share } = await app.shareMisses.guard(request, reply, () => app.shareService.access(code, viewer));
       */
      guard<T>(request: FastifyRequest, reply: FastifyReply, lookup: () => Promise<T>): Promise<T>;
    };
    /** Counts one copy by the signed-in reader (else the address); throws 429 (with Retry-After) past the limit. */
    copyLimit(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

export default fp(
  async function rateLimits(app: FastifyInstance) {
    // In memory for one instance; with Redis, in Redis while it answers and in memory while it
    // does not (redis/link.ts), so a Redis outage never holds up or fails a request.
    const memory = createMemoryHitCounter();
    const timer = setInterval(() => memory.sweep(), 60_000).unref();
    app.addHook('onClose', async () => clearInterval(timer));
    const link = app.redisLink;
    const counterAt = (prefix: string) =>
      link ? createFallbackHitCounter(link, createRedisHitCounter(link.client, prefix), memory) : memory;

    await app.register(rateLimit, {
      global: false,
      ...(link ? { store: hitCounterStore(counterAt(''), `${app.redisKeyPrefix}rl:`) } : {}),
      errorResponseBuilder: (_request, context) =>
        Object.assign(errors.rateLimited(`Too many requests. Try again in ${Math.ceil(context.ttl / 1000)} s.`), {
          statusCode: 429,
        }),
    });

    // One limiter for the API and the page's form, so both draw on the same budget.
    const copyLimit = app.rateLimit({
      ...routeRateLimit(app, 'copy'),
      keyGenerator: (request: FastifyRequest) => `copy:${request.user?.id ?? request.ip}`,
    });
    app.decorate('copyLimit', async (request: FastifyRequest, reply: FastifyReply) => {
      await copyLimit.call(app, request, reply);
    });

    const counter = counterAt(`${app.redisKeyPrefix}hits:`);
    const { max, windowMs } = app.rateLimits.shareMiss;
    const key = (request: FastifyRequest) => `miss:${request.ip}`;
    app.decorate('shareMisses', {
      async guard<T>(request: FastifyRequest, reply: FastifyReply, lookup: () => Promise<T>): Promise<T> {
        try {
          return await lookup();
        } catch (error) {
          // Only an unknown (or revoked, or hidden private) link is a miss; `embed_disabled` is a 404 of a real link.
          if (!isAppError(error) || error.code !== 'share_not_found') throw error;
          if ((await counter.hit(key(request), windowMs)).hits <= max) throw error;
          app.metrics.rateLimited('shareMiss');
          reply.header('retry-after', String(Math.ceil(windowMs / 1000)));
          throw errors.rateLimited('Too many unknown links from your address. Try again later.');
        }
      },
    });
  },
  { name: 'rate-limits', dependencies: ['context'] },
);
