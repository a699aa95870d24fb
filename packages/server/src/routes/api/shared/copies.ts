/**
 * `POST /api/v1/shared/:code/copies`: the signed-in reader saves what the link shows as a new
 * conversation of their own (services/copies.ts). Refusals are the link page's answers (404,
 * 410, 401 with the password form's meaning) before `copy_not_allowed`; an unknown code counts
 * as a miss like every other code-addressed path.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { presentConversation } from '../../../presenters/conversation.js';
import { CodeParams, errorResponses } from '../common-schema.js';
import { ConversationSchema } from '../conversations/schema.js';
import { viewerFor } from './viewer.js';

export default async function copyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/shared/:code/copies',
    {
      schema: {
        tags: ['public'],
        summary: 'Save a copy of a shared conversation, as its page shows it, into my account',
        description:
          'The copy holds the shown branch only (no hidden context, no other branches, new ids) and is marked ' +
          '`copiedFrom`. It is not a view. 403 `copy_not_allowed` when the owner or the instance does not allow ' +
          'copies, or the link has a view limit; a link the reader may not open answers as its page does.',
        params: CodeParams,
        response: { 201: ConversationSchema, ...errorResponses(401, 403, 404, 410, 429) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const viewer = viewerFor(app, request, code);
      // Whether this reader may copy, before the budget is spent: a refusal costs no copy.
      const share = await app.shareMisses.guard(request, reply, () => app.copyService.copyable(code, viewer));
      await app.copyLimit(request, reply);
      // `copyable` passed, so the reader is signed in.
      const copy = await app.copyService.copy(share, request.user!);
      reply.header('cache-control', 'private, no-store');
      return reply.status(201).send(presentConversation(copy));
    },
  );
}
