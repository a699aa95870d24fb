import { LIMITS } from '@chatshare/core';
import { Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../common-schema.js';

export const ApiTokenSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    hint: Type.String({ description: 'The last four characters of the token.' }),
    createdAt: Timestamp,
    lastUsedAt: NullableTimestamp,
  },
  { title: 'ApiToken' },
);

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: LIMITS.tokenNameLength,
      description: 'What the token is for, e.g. the machine or script that uses it.',
    }),
  },
  { additionalProperties: false },
);

export const CreatedTokenResponse = Type.Object({
  token: Type.String({ description: 'The secret, shown only in this response.' }),
  apiToken: ApiTokenSchema,
});

export const TokenListResponse = Type.Object({ items: Type.Array(ApiTokenSchema) });
