import { LIMITS } from '@chatshare/core';
import { Type } from 'typebox';
import { NullableTimestamp, PageQuery, PrivacySchema, ShareTakedownSchema, Timestamp } from '../common-schema.js';
import { ReportReasonSchema } from '../reports/schema.js';

const { cursor, limit } = PageQuery;

export const ListReportsQuery = Type.Object({
  cursor,
  limit,
  status: Type.Optional(
    Type.Union([Type.Literal('open'), Type.Literal('resolved'), Type.Literal('all')], {
      default: 'open',
      description: 'open: not yet taken down or dismissed.',
    }),
  ),
});

export const ModeratedShareSchema = Type.Object(
  {
    id: Type.String(),
    code: Type.String(),
    url: Type.String(),
    title: Type.String(),
    privacy: PrivacySchema(),
    ownerEmail: Type.String(),
    revokedAt: NullableTimestamp,
    takenDown: Type.Union([ShareTakedownSchema, Type.Null()]),
    reportCount: Type.Integer({ description: 'Reports of this link, open or not.' }),
    openReportCount: Type.Integer(),
  },
  { title: 'ModeratedShare', description: 'A reported link as the instance admin sees it.' },
);

export const ReportSchema = Type.Object(
  {
    id: Type.String(),
    reason: ReportReasonSchema,
    note: Type.Union([Type.String(), Type.Null()]),
    reporterEmail: Type.Union([Type.String(), Type.Null()], { description: 'Null when reported without an account.' }),
    createdAt: Timestamp,
    resolvedAt: NullableTimestamp,
    resolution: Type.Union([Type.Literal('taken_down'), Type.Literal('dismissed'), Type.Null()]),
    share: ModeratedShareSchema,
  },
  { title: 'Report' },
);

export const ReportListResponse = Type.Object({
  items: Type.Array(ReportSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const TakedownBody = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: LIMITS.takedownReasonLength,
      description: 'Why the link was taken down; its owner sees it.',
    }),
  },
  { additionalProperties: false },
);
