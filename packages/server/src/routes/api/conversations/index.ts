import { parseImportText, type ImportFormat } from '@chatshare/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../../../plugins/auth.js';
import {
  presentChangedConversation,
  presentConversation,
  presentConversationSummary,
} from '../../../presenters/conversation.js';
import { errorResponses, IdParams } from '../common-schema.js';
import {
  AppendMessagesBody,
  ConversationListResponse,
  ConversationSchema,
  CreateConversationBody,
  CreateConversationQuery,
  ListConversationsQuery,
  RenameBody,
} from './schema.js';

export default async function conversationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Create a conversation from chatshare JSON or a supported foreign format',
        description:
          'With `onDuplicate` this is an import of one conversation: one imported before is recognised by its ' +
          'source id (chatshare JSON: `source.id`) or its content, as with `POST /imports`.',
        querystring: CreateConversationQuery,
        body: CreateConversationBody,
        response: { 200: ConversationSchema, 201: ConversationSchema, ...errorResponses(400, 401, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      // JSON Lines arrive as text (see the content-type parser in app.ts).
      const input = typeof request.body === 'string' ? parseImportText(request.body) : request.body;
      const { format, onDuplicate } = request.query;
      const { created, ...changed } = await app.conversationService.create(user, input, {
        ...(format ? { format: format as ImportFormat } : {}),
        ...(onDuplicate ? { onDuplicate } : {}),
      });
      return reply.status(created ? 201 : 200).send(presentChangedConversation(changed));
    },
  );

  app.get(
    '/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary: 'My conversations, most recently updated first',
        querystring: ListConversationsQuery,
        response: { 200: ConversationListResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const page = await app.conversationService.list(requireUser(request), request.query);
      return { items: page.items.map(presentConversationSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/conversations/:id',
    {
      schema: {
        tags: ['conversations'],
        summary: 'One of my conversations, with every branch',
        params: IdParams,
        response: { 200: ConversationSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => presentConversation(await app.conversationService.own(requireUser(request), request.params.id)),
  );

  app.patch(
    '/conversations/:id',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Rename a conversation',
        params: IdParams,
        body: RenameBody,
        response: { 200: ConversationSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) =>
      presentChangedConversation(
        await app.conversationService.rename(requireUser(request), request.params.id, request.body.title),
      ),
  );

  app.delete(
    '/conversations/:id',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Delete a conversation; its links stop working at once',
        params: IdParams,
        response: { 204: { type: 'null' }, ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      await app.conversationService.delete(requireUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/conversations/:id/messages',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Append messages (a chat app sending new turns)',
        params: IdParams,
        body: AppendMessagesBody,
        response: { 200: ConversationSchema, ...errorResponses(400, 401, 404, 409, 413) },
      },
    },
    async (request) =>
      presentChangedConversation(
        await app.conversationService.append(requireUser(request), request.params.id, request.body),
      ),
  );
}
