/**
 * Reports of shares: what the instance admin works with.
 * Rows come out with the summary of their share (owner's email, report counts) for the admin
 * presenter; nothing here is shown to anyone else.
 */
import { randomUUID } from 'node:crypto';
import type { Privacy, ReportReason, ReportResolution } from '@chatshare/core';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { keysetPage, type Keyset } from './keyset.js';
import type { ShareRepository } from './shares.js';

export type ReportStatusFilter = 'open' | 'resolved' | 'all';

/** A share as the admin sees it next to its reports. */
export interface ModeratedShare {
  id: string;
  code: string;
  title: string;
  privacy: Privacy;
  ownerEmail: string;
  revokedAt: string | null;
  takenDownAt: string | null;
  takedownReason: string | null;
  reportCount: number;
  openReportCount: number;
}

export interface ReportRecord {
  id: string;
  reason: ReportReason;
  note: string | null;
  reporterEmail: string | null;
  createdAt: string;
  resolvedAt: string | null;
  resolution: ReportResolution | null;
  share: ModeratedShare;
}

type ShareScope = ExpressionBuilder<Database & { s: Database['shares'] }, 's'>;

const countReports = (eb: ShareScope, openOnly: boolean) => {
  let query = eb
    .selectFrom('share_reports as c')
    .select((inner) => inner.fn.countAll<string | number>().as('n'))
    .whereRef('c.share_id', '=', 's.id');
  if (openOnly) query = query.where('c.resolved_at', 'is', null);
  return query;
};

/** The admin's queue: newest reports first. */
const NEWEST_FIRST: Keyset = { sort: 'r.created_at', id: 'r.id', order: 'desc', valueType: 'string' };

export class ReportRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly shares: Pick<ShareRepository, 'takeDown'>,
    private readonly now: () => Date,
  ) {}

  async insert(input: { shareId: string; reason: ReportReason; note: string | null; reporterId: string | null }) {
    await this.db
      .insertInto('share_reports')
      .values({
        id: randomUUID(),
        share_id: input.shareId,
        reason: input.reason,
        note: input.note,
        reporter_id: input.reporterId,
        created_at: this.now().toISOString(),
        resolved_at: null,
        resolution: null,
        resolved_by: null,
      })
      .execute();
  }

  async countOpen(shareId: string): Promise<number> {
    const row = await this.db
      .selectFrom('share_reports')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('share_id', '=', shareId)
      .where('resolved_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private summaries() {
    return this.db
      .selectFrom('shares as s')
      .innerJoin('users as o', 'o.id', 's.owner_id')
      .select((eb) => [
        's.id as share_id',
        's.code',
        's.title',
        's.privacy',
        'o.email as owner_email',
        's.revoked_at',
        's.taken_down_at',
        's.takedown_reason',
        countReports(eb, false).as('report_count'),
        countReports(eb, true).as('open_report_count'),
      ]);
  }

  async share(id: string): Promise<ModeratedShare | undefined> {
    const row = await this.summaries().where('s.id', '=', id).executeTakeFirst();
    return row && toModeratedShare(row);
  }

  private reports() {
    return this.summaries()
      .innerJoin('share_reports as r', 'r.share_id', 's.id')
      .leftJoin('users as u', 'u.id', 'r.reporter_id')
      .select([
        'r.id',
        'r.reason',
        'r.note',
        'u.email as reporter_email',
        'r.created_at',
        'r.resolved_at',
        'r.resolution',
      ]);
  }

  async findById(id: string): Promise<ReportRecord | undefined> {
    const row = await this.reports().where('r.id', '=', id).executeTakeFirst();
    return row && toReportRecord(row);
  }

  /** Newest first, keyset-paged on (created_at, id). */
  async list(options: { status: ReportStatusFilter; cursor?: string; limit: number }) {
    let query = this.reports();
    if (options.status === 'open') query = query.where('r.resolved_at', 'is', null);
    if (options.status === 'resolved') query = query.where('r.resolved_at', 'is not', null);
    const page = await keysetPage(
      query,
      { ...NEWEST_FIRST, keyOf: (row) => ({ value: row.created_at, id: row.id }) },
      options,
    );
    return { items: page.items.map(toReportRecord), nextCursor: page.nextCursor };
  }

  /** Closes one open report; false when it was already closed (or does not exist). */
  async resolve(id: string, resolution: ReportResolution, by: string): Promise<boolean> {
    const result = await this.db
      .updateTable('share_reports')
      .set({ resolved_at: this.now().toISOString(), resolution, resolved_by: by })
      .where('id', '=', id)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Takes the share down and closes its open reports as `taken_down`, in one transaction. The
   * share's columns are written by its own repository, handed this transaction, so the rule of
   * what a takedown stores stays there and a failure leaves neither half.
   */
  async takeDown(shareId: string, reason: string, by: string): Promise<void> {
    const at = this.now();
    await this.db.transaction().execute(async (trx) => {
      await this.shares.takeDown(shareId, { at, reason, by }, trx);
      await trx
        .updateTable('share_reports')
        .set({ resolved_at: at.toISOString(), resolution: 'taken_down', resolved_by: by })
        .where('share_id', '=', shareId)
        .where('resolved_at', 'is', null)
        .execute();
    });
  }
}

interface ShareRow {
  share_id: string;
  code: string;
  title: string;
  privacy: string;
  owner_email: string;
  revoked_at: string | null;
  taken_down_at: string | null;
  takedown_reason: string | null;
  report_count: string | number | null;
  open_report_count: string | number | null;
}

const toModeratedShare = (row: ShareRow): ModeratedShare => ({
  id: row.share_id,
  code: row.code,
  title: row.title,
  privacy: row.privacy as Privacy,
  ownerEmail: row.owner_email,
  revokedAt: row.revoked_at,
  takenDownAt: row.taken_down_at,
  takedownReason: row.takedown_reason,
  // COUNT is a bigint on PostgreSQL, which the driver gives as a string.
  reportCount: Number(row.report_count ?? 0),
  openReportCount: Number(row.open_report_count ?? 0),
});

const toReportRecord = (
  row: ShareRow & {
    id: string;
    reason: string;
    note: string | null;
    reporter_email: string | null;
    created_at: string;
    resolved_at: string | null;
    resolution: string | null;
  },
): ReportRecord => ({
  id: row.id,
  reason: row.reason as ReportReason,
  note: row.note,
  reporterEmail: row.reporter_email,
  createdAt: row.created_at,
  resolvedAt: row.resolved_at,
  resolution: row.resolution as ReportResolution | null,
  share: toModeratedShare(row),
});
