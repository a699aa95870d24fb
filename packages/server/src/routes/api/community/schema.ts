import { LIMITS } from '@chatshare/core';
import { Type } from 'typebox';
import { SharedMessageSchema } from '../shared/schema.js';
import { SecretWarningSchema } from '../shares/schema.js';

export const SnapshotQuery = Type.Object({
  leafMessageId: Type.Optional(
    Type.String({ minLength: 1, maxLength: LIMITS.messageIdLength, description: 'The branch ending here.' }),
  ),
  redact: Type.Optional(Type.Boolean({ description: 'Replace secrets found in the content.', default: false })),
  showAuthor: Type.Optional(Type.Boolean({ description: 'Keep author names on messages.', default: false })),
});

export const SnapshotSchema = Type.Object(
  {
    format: Type.Literal(1),
    title: Type.String(),
    models: Type.Array(Type.String()),
    messages: Type.Array(SharedMessageSchema),
  },
  { title: 'Snapshot', description: 'A conversation as a link would show it (positional ids, no system messages).' },
);

export const SnapshotResponse = Type.Object(
  {
    snapshot: SnapshotSchema,
    warnings: Type.Array(SecretWarningSchema, {
      description: 'Secrets found; `redacted` says whether they were replaced.',
    }),
  },
  { title: 'ConversationSnapshot' },
);

export const PublicationBody = Type.Object(
  {
    conversation: Type.Unknown({
      description: 'The snapshot the sending instance posted (`{ format: 1, title, models, messages }`).',
    }),
    title: Type.String({ minLength: 1, maxLength: LIMITS.titleLength }),
    showAuthor: Type.Boolean({ description: 'Show the publisher’s name (and author names) on the link.' }),
    sourceOrigin: Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'The origin of the site that sent the conversation, as the /publish page saw it.',
    }),
  },
  { additionalProperties: false },
);
