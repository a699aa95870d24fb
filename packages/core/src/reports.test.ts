import { describe, expect, it } from 'vitest';
import { cleanNote, isReportReason } from './reports.js';

describe('cleanNote', () => {
  it('keeps line breaks, drops other control characters and trims', () => {
    expect(cleanNote('  spam\r\n\r\n\r\nlink\u0007 \u0000')).toBe('spam\n\nlink');
    expect(cleanNote('a\tb\u200b')).toBe('a b\u200b');
  });

  it('is null when nothing is left, and never longer than the limit', () => {
    expect(cleanNote(' \u0001\n ')).toBeNull();
    expect(cleanNote('x'.repeat(50), 10)).toBe('x'.repeat(10));
  });
});

describe('isReportReason', () => {
  it('accepts the listed reasons only', () => {
    expect(isReportReason('spam')).toBe(true);
    expect(isReportReason('personal_information')).toBe(true);
    expect(isReportReason('SPAM')).toBe(false);
    expect(isReportReason(undefined)).toBe(false);
  });
});
