/** Schemas shared by several route folders. */
import { LIMITS, PRIVACY_LEVELS, type Privacy } from '@chatshare/core';
import { Type, type TLiteral, type TSchemaOptions, type TUnion } from 'typebox';

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code; branch on this.' }),
      message: Type.String({ description: 'Human-readable explanation.' }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { title: 'Error' },
);

/** The error responses a route can give, by status, all with the one error body. */
export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ErrorSchema])) as Record<number, typeof ErrorSchema>;

/**
 * A share's privacy level: one literal per core `PRIVACY_LEVELS` entry. Typed as one literal of
 * the whole `Privacy` union, which TypeBox resolves to `Privacy` (an array of literals would be `never`).
 */
export const PrivacySchema = (options?: TSchemaOptions): TUnion<[TLiteral<Privacy>]> =>
  Type.Union(
    PRIVACY_LEVELS.map((level) => Type.Literal(level)),
    options,
  ) as unknown as TUnion<[TLiteral<Privacy>]>;

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
export const ConversationIdParams = Type.Object({ conversationId: Type.String({ minLength: 1, maxLength: 100 }) });
export const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) });

export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'From `nextCursor` of the previous page.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax, default: LIMITS.pageSizeDefault })),
  q: Type.Optional(Type.String({ maxLength: LIMITS.searchQueryLength, description: 'Search in titles.' })),
};

export const Email = Type.String({ format: 'email', maxLength: LIMITS.emailLength });
export const Timestamp = Type.String({ format: 'date-time', description: 'An ISO 8601 date-time string.' });
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

/** Why and when an admin took a link down: on the owner's settings and on the admin's report list. */
export const ShareTakedownSchema = Type.Object(
  { at: Timestamp, reason: Type.String({ description: "The admin's reason, shown to the link's owner." }) },
  { title: 'ShareTakedown', description: 'Why and when an admin took the link down.' },
);
