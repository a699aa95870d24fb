import { MessageSchema } from '@chatshare/core';
import { Type } from 'typebox';
import { Timestamp } from '../common-schema.js';

const { id: _id, parentId: _parentId, role: _role, ...messageFields } = MessageSchema.properties;

export const SharedMessageSchema = Type.Object(
  {
    id: Type.String({ description: 'Positional and opaque (m1, m2, …).' }),
    parentId: Type.Union([Type.String(), Type.Null()]),
    role: Type.Union([Type.Literal('user'), Type.Literal('assistant'), Type.Literal('tool')]),
    ...messageFields,
  },
  { title: 'SharedMessage', description: 'A message as viewers see it: positional ids, no system messages.' },
);

export const SharedConversationSchema = Type.Object(
  {
    shortCode: Type.String(),
    title: Type.String(),
    sharedAt: Timestamp,
    live: Type.Boolean({
      description:
        'The link shows the conversation as it is now (live updates); `sharedAt` is then when it last changed.',
    }),
    messageCount: Type.Integer(),
    models: Type.Array(Type.String()),
    sharedBy: Type.Union([Type.String(), Type.Null()], {
      description: 'Only when the owner chose to show their name.',
    }),
    messages: Type.Array(SharedMessageSchema),
  },
  { title: 'SharedConversation' },
);

/** A view-limited link read with GET: no content, and no view used (see POST …/reveal). */
export const RevealRequiredSchema = Type.Object(
  {
    shortCode: Type.String(),
    revealRequired: Type.Literal(true),
    viewsLeft: Type.Integer({ minimum: 1, description: 'Views left before the link is used up.' }),
  },
  {
    title: 'SharedRevealRequired',
    description: 'A link with a view limit, read without using a view: reveal it to get the conversation.',
  },
);
