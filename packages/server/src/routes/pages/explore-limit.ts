import type { FastifyInstance } from 'fastify';
import { routeRateLimit } from '../../plugins/route-rate-limit.js';

/** Searches cost more than page views: a budget per address, for the page and for its JSON twin each. */
export const exploreRateLimit = (app: FastifyInstance) => routeRateLimit(app, 'explore');
