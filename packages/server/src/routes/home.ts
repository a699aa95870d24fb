import type { FastifyInstance } from 'fastify';

/** The instance's front door: the owner app, where people sign in and start sharing. */
export default async function homeRoutes(app: FastifyInstance) {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/app/', 302));
}
