/**
 * The @fastify/rate-limit settings of a route limited by one of core's RATE_LIMITS (as this
 * app has them), with its refusals counted in the metrics under the limit's name.
 * @example config: { rateLimit: { ...routeRateLimit(app, 'unlock'), keyGenerator } }
 */
import type { FastifyInstance } from 'fastify';
import type { RateLimits } from './context.js';

export function routeRateLimit(app: FastifyInstance, name: keyof RateLimits) {
  const { max, windowMs } = app.rateLimits[name];
  return { max, timeWindow: windowMs, onExceeded: () => app.metrics.rateLimited(name) };
}
