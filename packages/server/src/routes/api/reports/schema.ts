import { LIMITS, REPORT_REASONS } from '@chatshare/core';
import { Type, type Static } from 'typebox';

export const ReportReasonSchema = Type.Enum(REPORT_REASONS, { description: 'Why the link is reported.' });

export const CreateReportBody = Type.Object(
  {
    reason: ReportReasonSchema,
    note: Type.Optional(
      Type.String({
        maxLength: LIMITS.reportNoteLength,
        description: 'What the admin should know; trimmed, control characters dropped.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateReportBody = Static<typeof CreateReportBody>;

export const CreateReportResponse = Type.Object(
  { received: Type.Literal(true, { description: 'The report is with the admins of this instance.' }) },
  { title: 'ReportReceived' },
);
