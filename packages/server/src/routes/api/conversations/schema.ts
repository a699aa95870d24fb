import { IMPORT_FORMATS, LIMITS, MessageSchema, PartSchema, RoleSchema } from '@chatshare/core';
import { Type, type Static } from 'typebox';
import { PageQuery, Timestamp } from '../common-schema.js';

export const ConversationSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    messages: Type.Array(MessageSchema),
    currentLeafId: Type.Union([Type.String(), Type.Null()]),
    models: Type.Array(Type.String()),
    context: Type.Optional(Type.String({ description: 'Hidden context such as custom instructions; never shared.' })),
    source: Type.Object({ format: Type.String(), importedAt: Timestamp }),
    messageCount: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Conversation' },
);

export const ConversationSummarySchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    messageCount: Type.Integer(),
    sourceFormat: Type.String(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'ConversationSummary' },
);

export const CreateConversationQuery = Type.Object({
  format: Type.Optional(
    Type.Union(
      IMPORT_FORMATS.map((format) => Type.Literal(format)),
      { description: 'Skip auto-detection and read the body in this format.' },
    ),
  ),
});

export const CreateConversationBody = Type.Unknown({
  description:
    'A conversation in chatshare JSON (`{ title?, messages: Message[], currentLeafId?, models? }`), an OpenAI ' +
    '`messages` array or `{ messages }` object, or (as application/x-ndjson) fine-tuning JSONL.',
});

export const ListConversationsQuery = Type.Object(PageQuery);

export const ConversationListResponse = Type.Object({
  items: Type.Array(ConversationSummarySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const RenameBody = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: LIMITS.titleLength }) },
  { additionalProperties: false },
);

export const AppendMessagesBody = Type.Object(
  {
    messages: Type.Array(
      Type.Object(
        {
          id: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.messageIdLength })),
          role: RoleSchema,
          author: Type.Optional(Type.String({ maxLength: LIMITS.authorLength })),
          parts: Type.Array(PartSchema, { minItems: 1, maxItems: LIMITS.partsPerMessage }),
          createdAt: Type.Optional(Timestamp),
          model: Type.Optional(Type.String({ maxLength: LIMITS.modelNameLength })),
          status: Type.Optional(Type.Union([Type.Literal('complete'), Type.Literal('incomplete')])),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: LIMITS.messagesPerConversation },
    ),
    parentId: Type.Optional(
      Type.Union([Type.String({ maxLength: LIMITS.messageIdLength }), Type.Null()], {
        description: 'The message to reply to; default the current leaf, `null` starts a new root.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type AppendMessagesBody = Static<typeof AppendMessagesBody>;
