import { isViewLimited } from '@chatshare/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { presentSharedConversation } from '../../../presenters/shared-conversation.js';
import type { ShareRecord } from '../../../repositories/shares.js';
import { isBot } from '../../../services/bots.js';
import { sharedByOf } from '../../../services/shared-by.js';
import { CodeParams, errorResponses } from '../common-schema.js';
import copyRoutes from './copies.js';
import { RevealRequiredSchema, SharedConversationSchema } from './schema.js';
import { openShare } from './viewer.js';

export default async function sharedRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(copyRoutes);

  const conversationOf = async (share: ShareRecord) => {
    const snapshot = await app.shareService.snapshotOf(share);
    return presentSharedConversation(share, snapshot, await sharedByOf(app.repos.users, share));
  };

  app.get(
    '/shared/:code',
    {
      schema: {
        tags: ['public'],
        summary: 'A shared conversation, under the same access rules as its page',
        description:
          'A view-limited link answers `{ revealRequired: true, viewsLeft }` without content and uses no view; ' +
          '`POST /api/v1/shared/:code/reveal` uses one and answers the conversation.',
        params: CodeParams,
        response: {
          200: Type.Union([SharedConversationSchema, RevealRequiredSchema]),
          ...errorResponses(401, 404, 410, 429),
        },
      },
    },
    async (request, reply) => {
      const { share, isOwner, reveal, viewsLeft } = await openShare(app, request, reply, request.params.code);
      reply.header('cache-control', 'private, no-store');
      // Like the page: a GET never uses a view of a view-limited link (docs/decisions.md).
      if (reveal === 'required')
        return { shortCode: share.code, revealRequired: true as const, viewsLeft: viewsLeft ?? 0 };
      // A read of the JSON counts as a view, like the page (docs/decisions.md).
      if (!isOwner && request.method === 'GET') {
        await app.shareService.countView(share, { automated: isBot(request.headers['user-agent']) });
      }
      return conversationOf(share);
    },
  );

  app.post(
    '/shared/:code/reveal',
    {
      schema: {
        tags: ['public'],
        summary: 'Open a view-limited link: uses one of its views (410 once they are used up)',
        params: CodeParams,
        response: { 200: SharedConversationSchema, ...errorResponses(401, 404, 410, 429) },
      },
    },
    async (request, reply) => {
      const { share, isOwner } = await openShare(app, request, reply, request.params.code);
      reply.header('cache-control', 'private, no-store');
      // Counted against the limit whoever asks; a link without a limit is counted like a GET.
      if (!isOwner) {
        await app.shareService.countView(share, {
          automated: !isViewLimited(share) && isBot(request.headers['user-agent']),
        });
      }
      return conversationOf(share);
    },
  );
}
