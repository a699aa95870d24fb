import type { FastifyInstance } from 'fastify';

/** Searches cost more than page views: a budget per address, for the page and for its JSON twin each. */
export const exploreRateLimit = (app: FastifyInstance) => ({
  max: app.rateLimits.explore.max,
  timeWindow: app.rateLimits.explore.windowMs,
});
