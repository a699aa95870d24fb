/**
 * Reports of shared conversations: the reasons a reader can pick, and the cleaning of the note
 * they may add. The note is shown to the instance admin, so it is plain text on a few lines.
 */
import { LIMITS } from './limits.js';

export const REPORT_REASONS = [
  'spam',
  'harassment',
  'illegal',
  'sexual',
  'violence',
  'personal_information',
  'copyright',
  'other',
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const isReportReason = (value: unknown): value is ReportReason =>
  typeof value === 'string' && (REPORT_REASONS as readonly string[]).includes(value);

/** How an admin closed a report. */
export type ReportResolution = 'taken_down' | 'dismissed';

// Control characters other than the line feed; carriage returns become line feeds first.
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/**
 * A report note or takedown reason as stored: line breaks kept (at most two in a row),
 * other control characters dropped, trimmed, cut to `max` characters; `null` when empty.
 * @example cleanNote('  spam\r\n\r\n\r\nlink\u0007 ') // 'spam\n\nlink'
 */
export function cleanNote(text: string, max: number = LIMITS.reportNoteLength): string | null {
  const cleaned = text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL_BUT_NEWLINE, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, max)
    .trim();
  return cleaned === '' ? null : cleaned;
}
