/**
 * What the report routes and the admin routes share beyond the moderation service (built with
 * the other services in `context.ts`): one rate limit for the report API and the report page's
 * form, and the admin check.
 */
import { errors } from '@chatshare/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { User } from '../repositories/users.js';
import { requireUser } from './auth.js';
import { routeRateLimit } from './route-rate-limit.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts one report from the request's address; throws 429 (with Retry-After) past the limit. */
    reportLimit(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

export default fp(
  async function moderation(app: FastifyInstance) {
    // One limiter for both routes, so the form and the API draw on the same budget.
    const limit = app.rateLimit({
      ...routeRateLimit(app, 'report'),
      keyGenerator: (request: FastifyRequest) => `report:${request.ip}`,
    });
    app.decorate('reportLimit', async (request: FastifyRequest, reply: FastifyReply) => {
      await limit.call(app, request, reply);
    });
  },
  { name: 'moderation', dependencies: ['context', 'rate-limits', 'auth'] },
);

/** The signed-in instance admin: 401 when nobody is signed in, 403 for anyone else. */
export async function requireAdmin(app: FastifyInstance, request: FastifyRequest): Promise<User> {
  const user = requireUser(request);
  if (!(await app.admins.isAdmin(user))) throw errors.forbidden('Only an admin of this instance can do that.');
  return user;
}
