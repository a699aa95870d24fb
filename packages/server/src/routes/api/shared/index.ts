import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { presentSharedConversation } from '../../../presenters/shared-conversation.js';
import { isBot } from '../../../services/bots.js';
import { CodeParams, errorResponses } from '../common-schema.js';
import { SharedConversationSchema } from './schema.js';
import { viewerFor } from './viewer.js';

export default async function sharedRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/shared/:code',
    {
      schema: {
        tags: ['public'],
        summary: 'A shared conversation, under the same access rules as its page',
        params: CodeParams,
        response: { 200: SharedConversationSchema, ...errorResponses(401, 404, 410, 429) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      // A read of the JSON counts as a view, like the page (docs/decisions.md).
      const { share, snapshot } = await app.shareMisses.guard(request, reply, () =>
        app.shareService.open(code, viewerFor(app, request, code), {
          countView: request.method === 'GET',
          automated: isBot(request.headers['user-agent']),
        }),
      );
      const owner = share.showAuthor ? await app.repos.users.findById(share.ownerId) : undefined;
      reply.header('cache-control', 'private, no-store');
      return presentSharedConversation(share, snapshot, owner?.name ?? null);
    },
  );
}
