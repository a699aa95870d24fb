/**
 * Reports and takedowns. A reader reports a link they can see (through the same access
 * decision as the page, without counting a view); the instance admin takes a link down,
 * restores it, or dismisses a report. What a takedown does to readers is core's policy.
 */
import { canReport, cleanNote, errors, isTakenDown, LIMITS, type ReportReason, type Viewer } from '@chatshare/core';
import type { ReportRepository, ReportStatusFilter } from '../repositories/reports.js';
import type { ShareRecord, ShareRepository } from '../repositories/shares.js';
import type { User } from '../repositories/users.js';
import type { SearchIndexSync } from '../search/search-index.js';
import type { ShareService } from './shares.js';

export interface ModerationDeps {
  reports: ReportRepository;
  shares: ShareRepository;
  shareService: ShareService;
  /** Keeps explore's index in step; listing also checks takedowns itself, so it may be absent. */
  searchIndex?: SearchIndexSync;
}

export interface ReportInput {
  reason: ReportReason;
  note?: string | undefined;
}

export class ModerationService {
  constructor(private readonly deps: ModerationDeps) {}

  /**
   * Records a report by someone who may see the link now. Throws as the shared API would for
   * anyone else (404 / 410 / 401), and refuses the owner's own link.
   */
  async report(code: string, viewer: Viewer, input: ReportInput): Promise<void> {
    await this.file(await this.deps.shareService.access(code, viewer), viewer.userId, input);
  }

  /** Records a report of a share its reporter was just allowed to see (`ShareService.access`). */
  async file(access: { share: ShareRecord; isOwner: boolean }, reporterId: string | null, input: ReportInput) {
    const { share } = access;
    if (!canReport(access).allowed) throw errors.ownShareReport();
    // Past the cap the report adds nothing an admin needs: the link is already waiting for them.
    if ((await this.deps.reports.countOpen(share.id)) >= LIMITS.openReportsPerShare) return;
    await this.deps.reports.insert({
      shareId: share.id,
      reason: input.reason,
      note: cleanNote(input.note ?? ''),
      reporterId,
    });
  }

  list(options: { status: ReportStatusFilter; cursor?: string; limit: number }) {
    return this.deps.reports.list(options);
  }

  async dismiss(admin: User, reportId: string) {
    const report = await this.deps.reports.findById(reportId);
    if (!report) throw errors.reportNotFound();
    if (report.resolvedAt === null) await this.deps.reports.resolve(report.id, 'dismissed', admin.id);
    return (await this.deps.reports.findById(report.id))!;
  }

  /** Takes a link down (again: with the new reason) and closes its open reports. */
  async takeDown(admin: User, shareId: string, reason: string) {
    const share = await this.deps.shares.findById(shareId);
    if (!share) throw errors.shareNotFound();
    const cleaned = cleanNote(reason, LIMITS.takedownReasonLength);
    if (cleaned === null) {
      throw errors.validation('body.reason must not be empty', {
        issues: [{ path: 'body.reason', message: 'must not be empty' }],
      });
    }
    await this.deps.reports.takeDown(share.id, cleaned, admin.id);
    await this.deps.searchIndex?.sync(share.id);
    await this.deps.shareService.forgetPages([share.id]);
    return (await this.deps.reports.share(share.id))!;
  }

  /** Lifts a takedown; a link that is not taken down is left as it is. */
  async restore(shareId: string) {
    const share = await this.deps.shares.findById(shareId);
    if (!share) throw errors.shareNotFound();
    if (isTakenDown(share)) {
      await this.deps.shares.restore(share.id);
      await this.deps.searchIndex?.sync(share.id);
    }
    return (await this.deps.reports.share(share.id))!;
  }
}
