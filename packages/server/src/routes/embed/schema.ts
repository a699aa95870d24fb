/** Schemas of the oEmbed endpoint (oEmbed 1.0, type `rich`). */
import { Type, type Static } from 'typebox';

export const OEMBED_DEFAULT = { width: 600, height: 500 } as const;

export const OembedQuery = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2048, description: 'A share page URL of this server.' }),
    format: Type.Optional(Type.String({ maxLength: 16, description: 'Only `json` is supported (`xml` answers 501).' })),
    maxwidth: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    maxheight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  },
  // oEmbed consumers may send parameters of their own, which providers ignore.
  { additionalProperties: true },
);
export type OembedQuery = Static<typeof OembedQuery>;

export const OembedResponse = Type.Object(
  {
    type: Type.Literal('rich'),
    version: Type.Literal('1.0'),
    title: Type.String(),
    provider_name: Type.String(),
    provider_url: Type.String(),
    html: Type.String({ description: 'An iframe showing /embed/:code.' }),
    width: Type.Integer(),
    height: Type.Integer(),
    cache_age: Type.Integer(),
    thumbnail_url: Type.Optional(Type.String()),
    thumbnail_width: Type.Optional(Type.Integer()),
    thumbnail_height: Type.Optional(Type.Integer()),
  },
  { title: 'OembedResponse' },
);
export type OembedResponse = Static<typeof OembedResponse>;
