/** `POST /api/v1/shared/:code/reports`: anyone who can see a link may report it, signed in or not. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { CodeParams, errorResponses } from '../common-schema.js';
import { viewerFor } from '../shared/viewer.js';
import { CreateReportBody, CreateReportResponse } from './schema.js';

export default async function reportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/shared/:code/reports',
    {
      schema: {
        tags: ['public'],
        summary: 'Report a shared conversation to the admins of this instance (no account needed)',
        params: CodeParams,
        body: CreateReportBody,
        response: { 201: CreateReportResponse, ...errorResponses(400, 401, 403, 404, 410, 429) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      await app.shareMisses.guard(request, reply, async () => {
        await app.reportLimit(request, reply);
        await app.moderation.report(code, viewerFor(app, request, code), request.body);
      });
      return reply.status(201).send({ received: true });
    },
  );
}
