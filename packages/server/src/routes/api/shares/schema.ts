import { LIMITS } from '@chatshare/core';
import { Type, type Static } from 'typebox';
import {
  Email,
  NullableTimestamp,
  PageQuery,
  PrivacySchema,
  ShareTakedownSchema,
  Timestamp,
} from '../common-schema.js';

const Privacy = PrivacySchema({
  description: 'public: listed and searchable; unlisted: anyone with the link; private: invited emails only.',
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description });

/** The settings an owner chooses for a link, on create and on change (all optional). */
export const ShareSettingsInputSchema = Type.Object(
  {
    privacy: Type.Optional(Privacy),
    password: Type.Optional(
      Nullable(
        Type.String({ minLength: 1, maxLength: LIMITS.sharePasswordMaxLength }),
        'A password viewers must enter; null removes it.',
      ),
    ),
    expiresIn: Type.Optional(
      Nullable(
        Type.Number({ exclusiveMinimum: 0, maximum: LIMITS.expiresInHoursMax }),
        'Hours from now until the link expires (fractions allowed); null for never.',
      ),
    ),
    maxViews: Type.Optional(
      Nullable(Type.Integer({ minimum: 1, maximum: LIMITS.maxViewsMax }), 'The link expires after this many views.'),
    ),
    allowedEmails: Type.Optional(
      Type.Array(Email, {
        maxItems: LIMITS.allowedEmailsPerShare,
        description: 'Who may open a private link (verified emails).',
      }),
    ),
    allowIndexing: Type.Optional(Type.Boolean({ description: 'Let search engines index a public link.' })),
    allowEmbed: Type.Optional(Type.Boolean({ description: 'Allow the link to be embedded in other sites.' })),
    showAuthor: Type.Optional(Type.Boolean({ description: 'Show author names and who shared it.' })),
    allowCopy: Type.Optional(
      Nullable(
        Type.Boolean(),
        'Let readers save a copy of the shown branch into their account; null: the default (on for public and unlisted links, off for private ones).',
      ),
    ),
    liveUpdates: Type.Optional(
      Type.Boolean({
        description:
          'The link shows the conversation as it is now: every change to it is published at once, with the same presenter, selection and redaction, except a change that would publish possible secrets the link does not show yet (without `redact`), which waits for the owner (settings.liveUpdates.held). Turning it on brings the link up to date like `refresh`. It follows the current branch, or the branch chosen with `leafMessageId` when that is not the current one. Off (the default): the link keeps its snapshot until it is updated.',
      }),
    ),
    title: Type.Optional(
      Nullable(Type.String({ maxLength: LIMITS.titleLength }), "The link's title; null follows the conversation's."),
    ),
  },
  { additionalProperties: false },
);

/** Which part of the conversation a link freezes, and whether its secrets are replaced. */
export const SnapshotInputSchema = Type.Object(
  {
    redact: Type.Optional(
      Type.Boolean({
        description:
          'Replace secrets found in the content in the shared copy; kept for later refreshes until set false.',
      }),
    ),
    leafMessageId: Type.Optional(
      Type.String({ minLength: 1, maxLength: LIMITS.messageIdLength, description: 'Share the branch ending here.' }),
    ),
    range: Type.Optional(
      Type.Object(
        { start: Type.Optional(Type.Integer({ minimum: 0 })), end: Type.Optional(Type.Integer({ minimum: 0 })) },
        { additionalProperties: false, description: 'Share only these positions of the branch (end exclusive).' },
      ),
    ),
  },
  { additionalProperties: false },
);

export const CreateShareBody = Type.Object(
  {
    conversationId: Type.String({ minLength: 1, maxLength: 100 }),
    ...ShareSettingsInputSchema.properties,
    ...SnapshotInputSchema.properties,
  },
  { additionalProperties: false },
);
export type CreateShareBody = Static<typeof CreateShareBody>;

export const UpdateShareBody = Type.Object(
  {
    ...ShareSettingsInputSchema.properties,
    ...SnapshotInputSchema.properties,
    refresh: Type.Optional(Type.Boolean({ description: 'Re-snapshot the conversation; the code stays.' })),
  },
  { additionalProperties: false },
);

export const LiveHoldSchema = Type.Object(
  {
    at: Timestamp,
    reason: Type.Union([Type.Literal('secrets'), Type.Literal('branch_gone')], {
      description:
        '`secrets`: the change would publish possible secrets; `branch_gone`: the chosen branch is no longer in the conversation.',
    }),
  },
  {
    title: 'LiveHold',
    description:
      'Since when, and why, the link shows what it showed instead of the latest change; an update by the owner (`refresh`, with `redact` true or false for secrets) ends it.',
  },
);

export const LiveUpdatesSchema = Type.Object(
  {
    follows: Type.Union([Type.Literal('current'), Type.Literal('chosen')], {
      description: "`current`: the conversation's current branch; `chosen`: the branch the link shows, as it grows.",
    }),
    held: Type.Union([LiveHoldSchema, Type.Null()]),
  },
  { title: 'LiveUpdates' },
);

export const ShareSettingsSchema = Type.Object(
  {
    id: Type.String(),
    conversationId: Type.Union([Type.String(), Type.Null()]),
    title: Type.String(),
    privacy: Privacy,
    hasPassword: Type.Boolean(),
    expiresAt: NullableTimestamp,
    maxViews: Type.Union([Type.Integer(), Type.Null()]),
    allowedEmails: Type.Array(Type.String()),
    allowIndexing: Type.Boolean(),
    allowEmbed: Type.Boolean(),
    showAuthor: Type.Boolean(),
    allowCopy: Type.Union([Type.Boolean(), Type.Null()], {
      description: "The owner's choice; null: never chosen, so the default by privacy (see copyAllowed).",
    }),
    copyAllowed: Type.Boolean({
      description:
        'Whether the owner lets readers save a copy: allowCopy, or by default on for public and unlisted links. The instance (GET /api/v1/config `copies`) and a view limit can still rule it out.',
    }),
    redact: Type.Boolean({ description: 'Secrets are redacted in the shared copy, at every refresh.' }),
    liveUpdates: Type.Union([LiveUpdatesSchema, Type.Null()], {
      description: 'Set when the link follows its conversation; null for a snapshot link.',
    }),
    selection: Type.Object(
      {
        leafMessageId: Type.Union([Type.String(), Type.Null()], {
          description: 'The last message of the shared branch; null follows the current branch.',
        }),
        start: Type.Integer({ minimum: 0 }),
        end: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
          description: 'Exclusive; null runs to the latest message, so updates take in new ones.',
        }),
      },
      {
        title: 'ShareSelection',
        description: 'What of the conversation the link shares; "refresh" takes the same part again.',
      },
    ),
    viewCount: Type.Integer(),
    lastViewedAt: NullableTimestamp,
    messageCount: Type.Integer(),
    snapshotAt: Timestamp,
    snapshotVersion: Type.Integer(),
    status: Type.Union([Type.Literal('live'), Type.Literal('expired'), Type.Literal('revoked')]),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    revokedAt: NullableTimestamp,
    takenDown: Type.Union([ShareTakedownSchema, Type.Null()], {
      description: 'Set when an admin of this instance took the link down: it is a 404 for everyone else.',
    }),
  },
  { title: 'ShareSettings' },
);

export const SecretWarningSchema = Type.Object(
  {
    kind: Type.String(),
    label: Type.String(),
    preview: Type.String({ description: 'A masked form of the secret.' }),
    location: Type.String({ description: '`title` or `messages[i]` (position in the shared copy).' }),
    redacted: Type.Boolean(),
  },
  { title: 'SecretWarning', description: 'A secret found in the shared content.' },
);

export const LiveLinkSchema = Type.Object(
  {
    shareId: Type.String(),
    status: Type.Union(
      [Type.Literal('published'), Type.Literal('unchanged'), Type.Literal('held'), Type.Literal('failed')],
      {
        description:
          '`published`: the link shows the change now; `unchanged`: it showed this already; `held`: it still shows what it showed, for `reason`, until the owner updates it; `failed`: it could not be updated now (the change is stored; the next change or an update by the owner publishes it).',
      },
    ),
    reason: Type.Optional(Type.Union([Type.Literal('secrets'), Type.Literal('branch_gone')])),
    warnings: Type.Array(SecretWarningSchema, {
      description: 'Possible secrets in the change: replaced when published (`redacted`), kept back when held.',
    }),
  },
  {
    title: 'LiveLink',
    description:
      'Only on the answer to a change of a conversation whose link has live updates: what the link took in of it.',
  },
);

export const ShareResponse = Type.Object(
  {
    shareUrl: Type.String(),
    shortCode: Type.String(),
    settings: ShareSettingsSchema,
    warnings: Type.Array(SecretWarningSchema),
    policies: Type.Object(
      { read: Type.Boolean(), update: Type.Boolean(), revoke: Type.Boolean() },
      { description: 'What the signed-in user may do with the share (for enabling buttons).' },
    ),
  },
  { title: 'Share' },
);

export const ListSharesQuery = Type.Object({
  ...PageQuery,
  code: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'Find my link with this short code (at most one item; other filters are ignored).',
    }),
  ),
  sort: Type.Optional(
    Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('views'), Type.Literal('title')], {
      default: 'created',
    }),
  ),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'desc' })),
  status: Type.Optional(
    Type.Union([Type.Literal('live'), Type.Literal('revoked'), Type.Literal('all')], {
      default: 'live',
      description: 'live: not revoked (expired ones included).',
    }),
  ),
});

export const ShareListResponse = Type.Object({
  items: Type.Array(ShareResponse),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const RevokeAllResponse = Type.Object({ revoked: Type.Integer() });

export const ShareViewsQuery = Type.Object({
  days: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: LIMITS.viewHistoryDaysMax,
      default: 30,
      description: 'How many days, ending today (UTC).',
    }),
  ),
});

export const DailyViewsResponse = Type.Array(
  Type.Object(
    {
      day: Type.String({ format: 'date', description: 'A UTC day, `YYYY-MM-DD`.' }),
      views: Type.Integer({ minimum: 0 }),
    },
    { title: 'DailyViews', description: 'Views of a link on one UTC day.' },
  ),
  { description: 'One entry per day of the window, oldest first; days without views have 0.' },
);

export const ScanQuery = Type.Object({
  leafMessageId: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: LIMITS.messageIdLength,
      description: 'Scan the branch ending at this message instead of the current one.',
    }),
  ),
  start: Type.Optional(Type.Integer({ minimum: 0, description: 'First position of the branch to scan.' })),
  end: Type.Optional(Type.Integer({ minimum: 0, description: 'Position after the last one to scan.' })),
});

export const ScanResponse = Type.Object(
  { warnings: Type.Array(SecretWarningSchema, { description: 'What sharing this branch would publish.' }) },
  { description: 'What a share would publish, found before sharing; `redacted` is always false here.' },
);
