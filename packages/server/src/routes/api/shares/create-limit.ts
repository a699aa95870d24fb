import type { FastifyInstance, FastifyRequest } from 'fastify';
import { routeRateLimit } from '../../../plugins/route-rate-limit.js';

/**
 * The budget of everything that makes or changes a public link (share, update, rotate,
 * community publishing): per signed-in user, counted once the user is known.
 */
export const shareCreateLimit = (app: FastifyInstance) => ({
  rateLimit: {
    ...routeRateLimit(app, 'shareCreate'),
    hook: 'preHandler' as const,
    keyGenerator: (request: FastifyRequest) => `share:${request.user?.id ?? request.ip}`,
  },
});
