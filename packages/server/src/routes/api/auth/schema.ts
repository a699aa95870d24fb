import { LIMITS } from '@chatshare/core';
import { Type, type Static } from 'typebox';
import { Email, Timestamp } from '../common-schema.js';

const Password = Type.String({ minLength: LIMITS.passwordMinLength, maxLength: LIMITS.passwordMaxLength });

export const UserSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Type.Union([Type.String(), Type.Null()]),
    emailVerified: Type.Boolean(),
    createdAt: Timestamp,
    isAdmin: Type.Boolean({ description: 'Whether this user moderates the instance (reports, takedowns).' }),
  },
  { title: 'User' },
);

export const SignupBody = Type.Object(
  {
    email: Email,
    password: Password,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.displayNameLength })),
  },
  { additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBody>;

export const UpdateMeBody = Type.Object(
  {
    name: Type.Union([Type.String({ maxLength: LIMITS.displayNameLength }), Type.Null()], {
      description: 'The display name ("Show my name" on links). Trimmed; an empty string or null clears it.',
    }),
  },
  { additionalProperties: false },
);
export type UpdateMeBody = Static<typeof UpdateMeBody>;

export const SigninBody = Type.Object(
  {
    email: Type.String({ maxLength: LIMITS.emailLength }),
    password: Type.String({ maxLength: LIMITS.passwordMaxLength }),
  },
  { additionalProperties: false },
);
export type SigninBody = Static<typeof SigninBody>;

export const VerifyBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export const VerifyQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 2000 }) });

export const UserResponse = Type.Object({ user: UserSchema });

/** `GET /auth/session`: who is signed in, `null` for nobody (a normal answer, not an error). */
export const SessionResponse = Type.Object(
  { user: Type.Union([UserSchema, Type.Null()]) },
  { description: 'The signed-in user, or null when nobody is.' },
);
