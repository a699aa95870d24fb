import type { FastifyInstance, FastifyRequest } from 'fastify';

/** One budget per address for the explore page and its JSON twin: both run the same search. */
export const exploreRateLimit = (app: FastifyInstance) => ({
  max: app.rateLimits.explore.max,
  timeWindow: app.rateLimits.explore.windowMs,
  keyGenerator: (request: FastifyRequest) => `explore:${request.ip}`,
});
