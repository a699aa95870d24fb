import { randomUUID } from 'node:crypto';
import {
  appendToTree,
  cleanLine,
  authorize,
  duplicateReason,
  errors,
  importConversations,
  parseImportText,
  readNewMessages,
  type ImportFormat,
} from '@chatshare/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireUser } from '../../../plugins/auth.js';
import type { ConversationRecord } from '../../../repositories/conversations.js';
import { matchImported } from '../../../services/imports.js';
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

/** The owner's view of their conversation: everything but the owner id. */
const presentConversation = ({ ownerId: _ownerId, ...conversation }: ConversationRecord) => conversation;

export default async function conversationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  async function ownConversation(request: FastifyRequest, id: string): Promise<ConversationRecord> {
    const conversation = await app.repos.conversations.findById(id);
    if (!conversation || !authorize(requireUser(request), 'read', conversation)) throw errors.conversationNotFound();
    return conversation;
  }

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
      const result = importConversations(input, {
        now: app.now(),
        ...(request.query.format ? { format: request.query.format as ImportFormat } : {}),
      });
      if (result.conversations.length !== 1) {
        throw errors.badRequest(
          result.conversations.length === 0
            ? `No conversation could be read: ${result.skipped[0]?.reason ?? 'the input is empty'}.`
            : `The input holds ${result.conversations.length} conversations; create them one at a time.`,
        );
      }
      const draft = result.conversations[0]!;
      const { conversations } = app.repos;
      const { onDuplicate } = request.query;
      if (!onDuplicate) return reply.status(201).send(presentConversation(await conversations.create(user.id, draft)));
      const { decision, contentHash, adopt } = await matchImported(conversations, user.id, draft, onDuplicate);
      if (decision.action === 'create') {
        return reply.status(201).send(presentConversation(await conversations.create(user.id, draft, contentHash)));
      }
      if (decision.action === 'skip') {
        if (adopt) await conversations.applyImport(user.id, [], [adopt]);
        const reason = duplicateReason(
          decision.code,
          decision.conversationId,
          'send it with onDuplicate=update to replace its messages',
        );
        const details = { conversationId: decision.conversationId };
        throw decision.code === 'already_imported'
          ? errors.alreadyImported(`The conversation was ${reason}.`, details)
          : errors.changedSinceImport(`The conversation ${reason}.`, details);
      }
      const gone = await conversations.applyImport(user.id, [{ id: decision.conversationId, draft, contentHash }]);
      if (gone.size > 0) throw errors.conversationNotFound();
      return reply.status(200).send(presentConversation((await conversations.findById(decision.conversationId))!));
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
      const user = requireUser(request);
      const { q, cursor, limit } = request.query;
      return app.repos.conversations.list(user.id, {
        ...(q ? { q } : {}),
        ...(cursor ? { cursor } : {}),
        limit: limit ?? 20,
      });
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
    async (request) => presentConversation(await ownConversation(request, request.params.id)),
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
    async (request) => {
      const conversation = await ownConversation(request, request.params.id);
      const title = cleanLine(request.body.title);
      if (title === '') throw errors.validation('body.title must not be blank');
      await app.repos.conversations.rename(conversation.id, title);
      return presentConversation((await app.repos.conversations.findById(conversation.id))!);
    },
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
      const conversation = await ownConversation(request, request.params.id);
      // Links die first: if the delete then failed, nothing would be left readable.
      await app.shareService.purgeConversation(conversation.id, conversation.ownerId);
      await app.repos.conversations.delete(conversation.id);
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
    async (request) => {
      const conversation = await ownConversation(request, request.params.id);
      // Read in full before anything is written: one bad message and none is added.
      const read = readNewMessages(request.body.messages, 'body.messages');
      const added = read.map(({ id, ...message }) => ({ id: id ?? randomUUID(), ...message }));
      const tree = appendToTree(conversation, added, request.body.parentId);
      await app.repos.conversations.replaceTree(conversation.id, {
        ...tree,
        ...(conversation.context ? { context: conversation.context } : {}),
      });
      return presentConversation((await app.repos.conversations.findById(conversation.id))!);
    },
  );
}
