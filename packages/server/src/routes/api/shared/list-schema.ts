import { LIMITS } from '@chatshare/core';
import { Type } from 'typebox';
import { Timestamp } from '../common-schema.js';

const Segments = Type.Array(Type.Object({ text: Type.String(), match: Type.Boolean() }), {
  description: 'The text in pieces; `match` marks the words the search found. Render each piece as text.',
});

export const ExploreQuerySchema = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: LIMITS.searchQueryLength,
      description: 'Words to find in titles and messages (all must match); "quotes" for a phrase.',
    }),
  ),
  sort: Type.Optional(
    Type.Union([Type.Literal('relevance'), Type.Literal('newest'), Type.Literal('views')], {
      description: 'Default: relevance when searching, newest otherwise.',
    }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'From `nextCursor` of the previous page.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: LIMITS.pageSizeDefault })),
});

export const ExploreItemSchema = Type.Object(
  {
    shortCode: Type.String(),
    url: Type.String(),
    title: Type.String(),
    titleHighlights: Segments,
    excerpt: Segments,
    messageCount: Type.Integer(),
    models: Type.Array(Type.String()),
    views: Type.Integer(),
    publishedAt: Timestamp,
    sharedBy: Type.Union([Type.String(), Type.Null()], {
      description: 'Only when the owner chose to show their name.',
    }),
  },
  { title: 'ExploreItem' },
);

export const ExplorePageSchema = Type.Object(
  {
    items: Type.Array(ExploreItemSchema),
    sort: Type.Union([Type.Literal('relevance'), Type.Literal('newest'), Type.Literal('views')]),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'ExplorePage' },
);
