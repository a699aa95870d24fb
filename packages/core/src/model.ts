/**
 * The conversation model every importer produces and every view reads (docs/design.md §Conversation model).
 * Schemas are the source of truth; the types are derived from them so the API validation,
 * the OpenAPI document and the code can never disagree.
 */
import { Type, type Static } from 'typebox';
import { LIMITS } from './limits.js';

export const ROLES = ['system', 'user', 'assistant', 'tool'] as const;
export const IMPORT_FORMATS = ['chatshare', 'openai', 'chatgpt', 'claude', 'openwebui', 'librechat'] as const;

const Text = Type.String({ maxLength: LIMITS.partTextLength });

export const RoleSchema = Type.Union([
  Type.Literal('system'),
  Type.Literal('user'),
  Type.Literal('assistant'),
  Type.Literal('tool'),
]);
export const ImportFormatSchema = Type.Union([
  Type.Literal('chatshare'),
  Type.Literal('openai'),
  Type.Literal('chatgpt'),
  Type.Literal('claude'),
  Type.Literal('openwebui'),
  Type.Literal('librechat'),
]);

export const PartSchema = Type.Union([
  Type.Object({ type: Type.Literal('text'), text: Text }, { additionalProperties: false }),
  Type.Object(
    {
      type: Type.Literal('image'),
      /** A `data:image/...` URI or an attachment id; remote URLs are never fetched or shown as images. */
      src: Type.String({ maxLength: LIMITS.partTextLength }),
      alt: Type.Optional(Type.String({ maxLength: 1000 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('code'), language: Type.Optional(Type.String({ maxLength: 50 })), text: Text },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('reasoning'), text: Text }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('tool_call'), name: Type.String({ maxLength: 200 }), input: Type.Unknown() },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('tool_result'), name: Type.Optional(Type.String({ maxLength: 200 })), output: Text },
    { additionalProperties: false },
  ),
  /** A file the source referenced but did not include (e.g. an image missing from an export). */
  Type.Object(
    {
      type: Type.Literal('attachment'),
      name: Type.String({ maxLength: 500 }),
      mediaType: Type.Optional(Type.String({ maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
]);

export const MessageSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: LIMITS.messageIdLength }),
    parentId: Type.Union([Type.String({ minLength: 1, maxLength: LIMITS.messageIdLength }), Type.Null()]),
    role: RoleSchema,
    author: Type.Optional(Type.String({ maxLength: LIMITS.authorLength })),
    parts: Type.Array(PartSchema, { maxItems: LIMITS.partsPerMessage }),
    createdAt: Type.Optional(Type.String({ format: 'date-time' })),
    /** `incomplete` marks a reply the source recorded as unfinished or interrupted. */
    status: Type.Optional(Type.Union([Type.Literal('complete'), Type.Literal('incomplete')])),
    /** The model that wrote an assistant message, when the source says. */
    model: Type.Optional(Type.String({ maxLength: LIMITS.modelNameLength })),
  },
  { additionalProperties: false },
);

const ModelsSchema = Type.Array(Type.String({ maxLength: LIMITS.modelNameLength }), {
  maxItems: LIMITS.modelsPerConversation,
});

/** What a client sends to create a conversation in our own format. */
export const ConversationInputSchema = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: LIMITS.titleLength })),
    messages: Type.Array(MessageSchema, { maxItems: LIMITS.messagesPerConversation }),
    currentLeafId: Type.Optional(Type.Union([Type.String({ maxLength: LIMITS.messageIdLength }), Type.Null()])),
    models: Type.Optional(ModelsSchema),
    /** Hidden context such as custom instructions: stored, never shared. */
    context: Type.Optional(Type.String({ maxLength: LIMITS.partTextLength })),
    /** Where the conversation came from, when a client converted it (e.g. the CLI reading an export). */
    source: Type.Optional(
      Type.Object(
        {
          format: ImportFormatSchema,
          /** The source's own id for the conversation, so a later import can recognise it. */
          id: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.sourceIdLength })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type Role = Static<typeof RoleSchema>;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type Part = Static<typeof PartSchema>;
export type Message = Static<typeof MessageSchema>;
export type ConversationInput = Static<typeof ConversationInputSchema>;

/** A conversation as chatshare stores it: a message tree with the branch the source showed. */
export interface Conversation {
  id: string;
  title: string;
  messages: Message[];
  currentLeafId: string | null;
  models: string[];
  context?: string;
  /** `id`: the source's own id for the conversation, when its format has one. */
  source: { format: ImportFormat; importedAt: string; id?: string };
}

/** A conversation before it has an id: what importers return. */
export type ConversationDraft = Omit<Conversation, 'id'>;
