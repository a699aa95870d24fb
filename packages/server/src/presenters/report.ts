/**
 * What the instance admin sees of reports and reported links. Admin-only: the owner's and the
 * reporter's emails appear here and nowhere public.
 */
import { shareUrl } from '@chatshare/core';
import type { ModeratedShare, ReportRecord } from '../repositories/reports.js';

export function presentModeratedShare(share: ModeratedShare, publicUrl: string) {
  return {
    id: share.id,
    code: share.code,
    url: shareUrl(publicUrl, share.code),
    title: share.title,
    privacy: share.privacy,
    ownerEmail: share.ownerEmail,
    revokedAt: share.revokedAt,
    takenDown: share.takenDownAt ? { at: share.takenDownAt, reason: share.takedownReason ?? '' } : null,
    reportCount: share.reportCount,
    openReportCount: share.openReportCount,
  };
}

export function presentReport(report: ReportRecord, publicUrl: string) {
  return {
    id: report.id,
    reason: report.reason,
    note: report.note,
    reporterEmail: report.reporterEmail,
    createdAt: report.createdAt,
    resolvedAt: report.resolvedAt,
    resolution: report.resolution,
    share: presentModeratedShare(report.share, publicUrl),
  };
}
