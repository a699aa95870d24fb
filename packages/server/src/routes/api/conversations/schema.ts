import { LIMITS, MessageSchema, NewMessageSchema } from '@chatshare/core';
import { Type, type Static } from 'typebox';
import { PageQuery, Timestamp } from '../common-schema.js';
import { importQuerySchema } from '../imports/schema.js';
import { LiveLinkSchema } from '../shares/schema.js';

const MessageCount = Type.Integer({
  description: 'Messages of the shown branch, system messages not counted (what a link of it shows).',
});
const BranchCount = Type.Integer({ description: 'Branches of the message tree (edits, regenerated answers).' });

export const ConversationSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    messages: Type.Array(MessageSchema),
    currentLeafId: Type.Union([Type.String(), Type.Null()]),
    models: Type.Array(Type.String()),
    context: Type.Optional(Type.String({ description: 'Hidden context such as custom instructions; never shared.' })),
    source: Type.Object({
      format: Type.String(),
      importedAt: Timestamp,
      id: Type.Optional(Type.String({ description: "The source's own id for the conversation, if it has one." })),
    }),
    messageCount: MessageCount,
    branchCount: BranchCount,
    copiedFrom: Type.Optional(
      Type.Object(
        {
          shareUrl: Type.String({ description: 'The address of the link, as it was when copied.' }),
          shortCode: Type.String(),
          copiedAt: Timestamp,
        },
        {
          title: 'CopiedFrom',
          description: "Only on a reader's copy of someone's shared link (POST /api/v1/shared/:code/copies).",
        },
      ),
    ),
    liveLink: Type.Optional(LiveLinkSchema),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Conversation', description: "The owner's view of a conversation, with every branch." },
);

export const ConversationSummarySchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    messageCount: MessageCount,
    branchCount: BranchCount,
    sourceFormat: Type.String(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'ConversationSummary' },
);

export const CreateConversationQuery = importQuerySchema(
  'body',
  'Treat the body as an import: when the same conversation was imported before, `skip` answers 409 ' +
    '`already_imported` (or `changed_since_import`, when it went on at the source) with ' +
    '`details.conversationId`; `update` replaces the messages of a changed one (200); `copy` stores it again. ' +
    'Without it the conversation is always stored.',
);

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

/**
 * An OpenAI chat message, for the API document. Loose on purpose: any object with a role
 * gets past the schema, and core's readNewMessages reads it, naming the first problem.
 */
export const OpenAIMessageDoc = Type.Object(
  {
    role: Type.String({ maxLength: 50, description: 'system, developer, user, assistant, tool or function' }),
    content: Type.Optional(Type.Unknown({ description: 'A string, null or an array of content parts.' })),
    name: Type.Optional(Type.Unknown()),
    tool_calls: Type.Optional(Type.Unknown()),
    tool_call_id: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: true, title: 'OpenAIChatMessage' },
);

export const AppendMessagesBody = Type.Object(
  {
    messages: Type.Array(
      // Read by core's readNewMessages, which gives the first problem with its path.
      Type.Union([NewMessageSchema, OpenAIMessageDoc], {
        description:
          'Every message in one format: ours (a Message without parentId; id optional) or an OpenAI chat ' +
          'message (`{ role, content }`, content a string or an array of content parts; tool_calls; name).',
      }),
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
