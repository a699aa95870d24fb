import { readableSnapshot, type Snapshot } from '@chatshare/core';
import { sql, type CompiledQuery, type Kysely } from 'kysely';
import type { Database, ShareRow } from '../db/schema.js';
import type { CommittedRead } from '../db/committed-reads.js';
import type { DatabaseHandle } from '../db/connect.js';
import { containsText } from './cursor.js';
import { keysetPage, type Keyset } from './keyset.js';
import type { NewShare, ShareChanges, ShareRecord, Takedown } from './share-record.js';
import { changedColumns, newShareRow, RECORD_COLUMNS, toShareRecord, type RecordRow } from './share-rows.js';
import { dayOf, ViewBuffer } from './view-buffer.js';

export type {
  LiveHeld,
  LiveState,
  NewShare,
  ShareChanges,
  ShareContent,
  ShareRecord,
  ShareSettings,
  Takedown,
} from './share-record.js';

/** Views of one UTC day (`YYYY-MM-DD`). */
export interface DailyViews {
  day: string;
  views: number;
}

/** Adds views to a share's per-day rows: one upsert per day, `views = views + n`. */
async function addDailyViews(db: Kysely<Database>, shareId: string, days: ReadonlyMap<string, number>) {
  for (const [day, views] of days) {
    await db
      .insertInto('share_daily_views')
      .values({ share_id: shareId, day, views })
      .onConflict((oc) =>
        oc.columns(['share_id', 'day']).doUpdateSet({ views: sql`share_daily_views.views + excluded.views` }),
      )
      .execute();
  }
}

export type ShareSort = 'created' | 'updated' | 'views' | 'title';
export type ShareStatusFilter = 'live' | 'revoked' | 'all';

const SORT_COLUMNS = {
  created: 'created_at',
  updated: 'updated_at',
  views: 'view_count',
  title: 'title',
} as const satisfies Record<ShareSort, keyof ShareRow>;

/** The name a page shows with "Show my name", read in the page's one lookup (null otherwise). */
const OWNER_NAME = sql<
  string | null
>`case when show_author = 1 then (select name from users where users.id = shares.owner_id) end`;

type ByCodeRow = RecordRow & { owner_name: string | null };

export class ShareRepository {
  /** Views counted but not yet written; every read below adds them, so owners see them at once. */
  private readonly views = new ViewBuffer();
  /** The time of the latest buffered view, with its ISO text (`bufferView`). */
  private viewTime = { ms: Number.NaN, iso: '' };
  private flushing: Promise<unknown> = Promise.resolve();

  // Every page view starts with this lookup, so it is built and compiled once; only the code changes.
  private readonly byCode: CompiledQuery<ByCodeRow>;
  /** The same query on SQLite's read-only connection (db/committed-reads.ts), when there is one. */
  private readonly byCodeNow: CommittedRead<ByCodeRow> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
    reader?: DatabaseHandle['reader'],
  ) {
    this.byCode = this.records().select(OWNER_NAME.as('owner_name')).where('code', '=', '').compile();
    this.byCodeNow = reader?.read<ByCodeRow>(this.byCode.sql);
  }

  private record(row: RecordRow): ShareRecord {
    const record = toShareRecord(row);
    const pending = this.views.countFor(record.id);
    return pending === 0 ? record : { ...record, viewCount: record.viewCount + pending };
  }

  /** Shares as records, without their snapshots; callers narrow it down. */
  private records() {
    return this.db.selectFrom('shares').select(RECORD_COLUMNS);
  }

  private async first(query: ReturnType<ShareRepository['records']>): Promise<ShareRecord | undefined> {
    const row = await query.executeTakeFirst();
    return row && this.record(row);
  }

  /** Stores a new share; a code already taken throws a unique violation (see `isUniqueViolation`). */
  async create(share: NewShare): Promise<void> {
    await this.db.insertInto('shares').values(newShareRow(share, this.now())).execute();
  }

  async update(id: string, changes: ShareChanges): Promise<void> {
    await this.db.updateTable('shares').set(changedColumns(changes, this.now())).where('id', '=', id).execute();
  }

  /**
   * `update`, only while the share still holds snapshot `version`, is not revoked and not taken
   * down: false when another change came first (read again and retry) or the link closed.
   */
  async updateAtVersion(id: string, version: number, changes: ShareChanges): Promise<boolean> {
    const result = await this.db
      .updateTable('shares')
      .set(changedColumns(changes, this.now()))
      .where('id', '=', id)
      .where('snapshot_version', '=', version)
      .where('revoked_at', 'is', null)
      .where('taken_down_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  findById(id: string): Promise<ShareRecord | undefined> {
    return this.first(this.records().where('id', '=', id));
  }

  findLiveByConversation(conversationId: string): Promise<ShareRecord | undefined> {
    return this.first(this.records().where('conversation_id', '=', conversationId).where('revoked_at', 'is', null));
  }

  /** A link of this conversation an admin took down, revoked since or not. */
  findTakenDownByConversation(conversationId: string): Promise<ShareRecord | undefined> {
    return this.first(
      this.records()
        .where('conversation_id', '=', conversationId)
        .where('taken_down_at', 'is not', null)
        .orderBy('taken_down_at', 'desc'),
    );
  }

  /** The one indexed lookup every public read starts with. `code` must be a valid short code. */
  async findByCode(code: string): Promise<ShareRecord | undefined> {
    const found = this.findByCodeNow(code);
    if (found !== null) return found;
    return this.byCodeRecord((await this.db.executeQuery<ByCodeRow>({ ...this.byCode, parameters: [code] })).rows[0]);
  }

  /** `findByCode` answered at once where the database allows it (SQLite); `null` where it does not. */
  findByCodeNow(code: string): ShareRecord | undefined | null {
    return this.byCodeNow ? this.byCodeRecord(this.byCodeNow(code)) : null;
  }

  private byCodeRecord(row: ByCodeRow | undefined): ShareRecord | undefined {
    return row && { ...this.record(row), ...(row.show_author ? { ownerName: row.owner_name } : {}) };
  }

  async snapshot(id: string): Promise<Snapshot | undefined> {
    const row = await this.db.selectFrom('shares').select('snapshot').where('id', '=', id).executeTakeFirst();
    // A snapshot an older version stored broken is read as far as it matches the model (core model-guard).
    return row && readableSnapshot(JSON.parse(row.snapshot));
  }

  async list(
    ownerId: string,
    options: {
      q?: string;
      sort: ShareSort;
      order: 'asc' | 'desc';
      status: ShareStatusFilter;
      cursor?: string;
      limit: number;
    },
  ): Promise<{ items: ShareRecord[]; nextCursor: string | null }> {
    // Sorting by views happens in the database, so buffered views are written first.
    if (options.sort === 'views' && this.views.total > 0) await this.flushViews().catch(() => undefined);
    const column = SORT_COLUMNS[options.sort];
    let query = this.records().where('owner_id', '=', ownerId);
    if (options.status === 'live') query = query.where('revoked_at', 'is', null);
    if (options.status === 'revoked') query = query.where('revoked_at', 'is not', null);
    if (options.q) query = query.where(containsText('title', options.q));
    const keyset: Keyset = {
      sort: column,
      id: 'id',
      order: options.order,
      valueType: options.sort === 'views' ? 'number' : 'string',
    };
    const page = await keysetPage(query, { ...keyset, keyOf: (row) => ({ value: row[column], id: row.id }) }, options);
    return { items: page.items.map((row) => this.record(row)), nextCursor: page.nextCursor };
  }

  /** Revokes the live shares whose `column` is `value`; resolves to how many there were. */
  private async revokeWhere(column: 'id' | 'owner_id', value: string, by: string): Promise<number> {
    const at = this.now().toISOString();
    const result = await this.db
      .updateTable('shares')
      .set({ revoked_at: at, revoked_by: by, updated_at: at })
      .where(column, '=', value)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** False when the share was revoked already. */
  async revoke(id: string, by: string): Promise<boolean> {
    return (await this.revokeWhere('id', id, by)) > 0;
  }

  /**
   * Gives a live share a new code. One UPDATE, so one transaction: the old code stops resolving
   * at the same instant the new one starts. False when the share is no longer live (revoked or
   * taken down meanwhile); a code already taken throws a unique violation (see `isUniqueViolation`).
   */
  async rotateCode(id: string, code: string): Promise<boolean> {
    const at = this.now().toISOString();
    const result = await this.db
      .updateTable('shares')
      .set({ code, updated_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where('taken_down_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Marks the link taken down by an admin, in the transaction `db` that also closes the link's
   * reports (`ReportRepository.takeDown`, called by `ModerationService.takeDown`): there is no
   * default, so no caller can take a link down and leave its reports open.
   */
  async takeDown(id: string, takedown: Takedown, db: Kysely<Database>): Promise<void> {
    await db
      .updateTable('shares')
      .set({ taken_down_at: takedown.at.toISOString(), takedown_reason: takedown.reason, taken_down_by: takedown.by })
      .where('id', '=', id)
      .execute();
  }

  /** Lifts a takedown; the reports it closed stay closed. */
  async restore(id: string): Promise<void> {
    await this.db
      .updateTable('shares')
      .set({ taken_down_at: null, takedown_reason: null, taken_down_by: null })
      .where('id', '=', id)
      .execute();
  }

  revokeAllOf(ownerId: string): Promise<number> {
    return this.revokeWhere('owner_id', ownerId, ownerId);
  }

  /** The ids of every share of a conversation, revoked ones included. */
  async idsOfConversation(conversationId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('shares')
      .select('id')
      .where('conversation_id', '=', conversationId)
      .execute();
    return rows.map((row) => row.id);
  }

  /** Revokes a deleted conversation's shares and drops their content: nothing of it stays readable. */
  async purgeConversation(conversationId: string, by: string): Promise<void> {
    const at = this.now().toISOString();
    const empty: Snapshot = { format: 1, title: '', models: [], messages: [] };
    await this.db
      .updateTable('shares')
      .set((eb) => ({
        revoked_at: eb.fn.coalesce('revoked_at', eb.val(at)),
        revoked_by: eb.fn.coalesce('revoked_by', eb.val(by)),
        snapshot: JSON.stringify(empty),
        updated_at: at,
      }))
      .where('conversation_id', '=', conversationId)
      .execute();
  }

  /**
   * Counts one view if the share is live and under its view limit, in one atomic update,
   * so `maxViews` holds exactly under concurrency. False when the limit was already reached.
   */
  async recordView(id: string): Promise<boolean> {
    const at = this.now().toISOString();
    // The day's row is written in the same transaction, so the chart never disagrees with the count.
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('shares')
        .set({ view_count: sql`view_count + 1`, last_viewed_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('max_views', 'is', null), eb('view_count', '<', eb.ref('max_views'))]))
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await addDailyViews(trx, id, new Map([[dayOf(at), 1]]));
      return true;
    });
  }

  /**
   * Views per UTC day from `from` to `to` (`YYYY-MM-DD`, both included), only days with views,
   * oldest first; views this instance has not written yet are added, as for `viewCount`.
   */
  async dailyViews(id: string, from: string, to: string): Promise<DailyViews[]> {
    const rows = await this.db
      .selectFrom('share_daily_views')
      .select(['day', 'views'])
      .where('share_id', '=', id)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .execute();
    const byDay = new Map(rows.map((row) => [row.day, Number(row.views)]));
    for (const [day, views] of this.views.daysFor(id)) {
      if (day >= from && day <= to) byDay.set(day, (byDay.get(day) ?? 0) + views);
    }
    return [...byDay]
      .map(([day, views]) => ({ day, views }))
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }

  /** Counts one view in memory; `flushViews` writes it. For shares without a view limit. */
  bufferView(id: string): void {
    const now = this.now();
    // Many views fall in the same millisecond on a busy page: its ISO text is made once.
    if (now.getTime() !== this.viewTime.ms) this.viewTime = { ms: now.getTime(), iso: now.toISOString() };
    this.views.add(id, this.viewTime.iso);
  }

  /** Views counted in memory and not written yet (all shares). */
  get pendingViews(): number {
    return this.views.total;
  }

  /**
   * Writes buffered views with one `view_count = view_count + n` per share. Flushes run one
   * after another, so two never write the same batch; a failed write is kept for the next.
   */
  flushViews(): Promise<void> {
    const run = this.flushing.then(() => this.writeViews());
    // The chain goes on after a failed flush; the caller still sees the failure.
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async writeViews(): Promise<void> {
    const batch = this.views.take();
    let failure: unknown;
    for (const [id, views] of batch) {
      try {
        // One transaction per share: the total and the per-day rows are written together or
        // not at all, so a retried batch is never counted twice in either.
        await this.db.transaction().execute(async (trx) => {
          const result = await trx
            .updateTable('shares')
            .set((eb) => ({
              view_count: sql`view_count + ${views.count}`,
              // ISO-8601 strings order by time; keep the later of the stored and the buffered.
              last_viewed_at: eb
                .case()
                .when(eb.or([eb('last_viewed_at', 'is', null), eb('last_viewed_at', '<', views.lastViewedAt)]))
                .then(views.lastViewedAt)
                .else(eb.ref('last_viewed_at'))
                .end(),
            }))
            .where('id', '=', id)
            .executeTakeFirst();
          // A share deleted meanwhile (its owner's account went) has no rows to add to.
          if (result.numUpdatedRows > 0n) await addDailyViews(trx, id, views.days);
        });
      } catch (error) {
        this.views.restore(id, views);
        failure ??= error;
      }
    }
    // Rethrows the first caught error as it was.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (failure) throw failure;
  }
}
