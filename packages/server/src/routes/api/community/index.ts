/**
 * Community publishing. The sending side reads a conversation's public snapshot without
 * creating a link; the receiving side (this instance's /publish page) turns a snapshot another
 * instance posted into a conversation and a public link of the signed-in person, in one call.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../../../plugins/auth.js';
import { presentShare } from '../../../presenters/share.js';
import { ConversationIdParams, errorResponses } from '../common-schema.js';
import { shareCreateLimit } from '../shares/create-limit.js';
import { ShareResponse } from '../shares/schema.js';
import { PublicationBody, SnapshotQuery, SnapshotResponse } from './schema.js';

export default async function communityRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/conversations/:conversationId/snapshot',
    {
      schema: {
        tags: ['community'],
        summary: 'The public snapshot of one of my conversations, as a link would show it; creates nothing',
        params: ConversationIdParams,
        querystring: SnapshotQuery,
        response: { 200: SnapshotResponse, ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { leafMessageId, redact, showAuthor } = request.query;
      reply.header('cache-control', 'private, no-store');
      return app.shareService.preview(requireUser(request), request.params.conversationId, {
        redact: redact ?? false,
        showAuthor: showAuthor ?? false,
        ...(leafMessageId ? { leafMessageId } : {}),
      });
    },
  );

  app.post(
    '/community/publications',
    {
      // Publishing creates a public link: the same budget as creating links.
      config: shareCreateLimit(app),
      schema: {
        tags: ['community'],
        summary: 'Publish a conversation another instance sent to /publish, as a public link of mine',
        body: PublicationBody,
        response: { 201: ShareResponse, ...errorResponses(400, 401, 403, 413, 429) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { share, warnings } = await app.communityPublications.publish(user, request.body);
      return reply
        .status(201)
        .send(presentShare(share, { publicUrl: app.config.publicUrl, user, now: app.now(), warnings }));
    },
  );
}
