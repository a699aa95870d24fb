/**
 * Shutting down without cutting anyone off. Once the app starts closing (SIGTERM), requests
 * already under way finish, and every response says `Connection: close`, so the connection
 * ends with it: a kept-alive connection would otherwise hold the process open until the
 * client hangs up (Fastify keeps idle connections for 72 s), long past an orchestrator's
 * SIGKILL. A request that arrives on a connection opened before the signal gets a clean
 * 503 `shutting_down` with `Retry-After`, before its body is read, so nothing of it is stored.
 * Fastify's own 503 (return503OnClosing) is switched off in app.ts for this one.
 */
import { errors } from '@chatshare/core';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const shuttingDown = () => errors.shuttingDown();

export default fp(
  async function gracefulClose(app: FastifyInstance) {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
      app.log.info('closing: requests under way finish, new ones get 503');
    });
    app.addHook('onRequest', async (_request, reply) => {
      if (!closing) return;
      reply.header('connection', 'close').header('retry-after', '5');
      throw shuttingDown();
    });
    app.addHook('onSend', async (_request, reply) => {
      if (closing) reply.header('connection', 'close');
    });
  },
  { name: 'graceful-close', dependencies: ['errors'] },
);
