import {
  readableSnapshot,
  type Privacy,
  type ShareAccessState,
  type ShareSelection,
  type Snapshot,
} from '@chatshare/core';
import { sql, type CompiledQuery, type Kysely } from 'kysely';
import type { Database, NewShareRow, ShareRow, ShareUpdate } from '../db/schema.js';
import { containsText, decodeCursor, encodeCursor } from './cursor.js';
import { dayOf, ViewBuffer } from './view-buffer.js';

export interface ShareRecord extends ShareAccessState {
  id: string;
  code: string;
  conversationId: string | null;
  passwordHash: string | null;
  title: string;
  allowIndexing: boolean;
  allowEmbed: boolean;
  showAuthor: boolean;
  redact: boolean;
  /** What of the conversation the snapshot holds; the next refresh takes the same part. */
  selection: ShareSelection;
  snapshotVersion: number;
  snapshotAt: string;
  messageCount: number;
  lastViewedAt: string | null;
  revokedBy: string | null;
  /** Why an admin took the link down; shown to its owner only. */
  takedownReason: string | null;
  createdAt: string;
  updatedAt: string;
}

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

type RecordRow = Omit<ShareRow, 'snapshot' | 'taken_down_by'>;

const date = (value: string | null) => (value === null ? null : new Date(value));

export const toShareRecord = (row: RecordRow): ShareRecord => ({
  id: row.id,
  code: row.code,
  conversationId: row.conversation_id,
  ownerId: row.owner_id,
  privacy: row.privacy as Privacy,
  hasPassword: row.password_hash !== null,
  passwordHash: row.password_hash,
  passwordVersion: Number(row.password_version),
  allowedEmails: JSON.parse(row.allowed_emails) as string[],
  expiresAt: date(row.expires_at),
  maxViews: row.max_views === null ? null : Number(row.max_views),
  viewCount: Number(row.view_count),
  revokedAt: date(row.revoked_at),
  revokedBy: row.revoked_by,
  takenDownAt: date(row.taken_down_at),
  takedownReason: row.takedown_reason,
  title: row.title,
  allowIndexing: row.allow_indexing === 1,
  allowEmbed: row.allow_embed === 1,
  showAuthor: row.show_author === 1,
  redact: Number(row.redact) === 1,
  selection: {
    leafMessageId: row.selection_leaf_id,
    start: Number(row.selection_start),
    end: row.selection_end === null ? null : Number(row.selection_end),
  },
  snapshotVersion: Number(row.snapshot_version),
  snapshotAt: row.snapshot_at,
  messageCount: Number(row.message_count),
  lastViewedAt: row.last_viewed_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Every column but the (large) snapshot. */
const RECORD_COLUMNS = [
  'id',
  'code',
  'conversation_id',
  'owner_id',
  'privacy',
  'password_hash',
  'password_version',
  'allowed_emails',
  'expires_at',
  'max_views',
  'revoked_at',
  'revoked_by',
  'taken_down_at',
  'takedown_reason',
  'snapshot_version',
  'snapshot_at',
  'message_count',
  'title',
  'allow_indexing',
  'allow_embed',
  'show_author',
  'redact',
  'selection_leaf_id',
  'selection_start',
  'selection_end',
  'view_count',
  'last_viewed_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ShareRow)[];

export class ShareRepository {
  /** Views counted but not yet written; every read below adds them, so owners see them at once. */
  private readonly views = new ViewBuffer();
  private flushing: Promise<unknown> = Promise.resolve();

  // Every page view starts with this lookup, so it is built and compiled once; only the code changes.
  private readonly byCode: CompiledQuery<RecordRow>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {
    this.byCode = db.selectFrom('shares').select(RECORD_COLUMNS).where('code', '=', '').compile();
  }

  private record(row: RecordRow): ShareRecord {
    const record = toShareRecord(row);
    const pending = this.views.countFor(record.id);
    return pending === 0 ? record : { ...record, viewCount: record.viewCount + pending };
  }

  async insert(row: NewShareRow): Promise<void> {
    await this.db.insertInto('shares').values(row).execute();
  }

  async update(id: string, changes: ShareUpdate): Promise<void> {
    await this.db.updateTable('shares').set(changes).where('id', '=', id).execute();
  }

  async findById(id: string): Promise<ShareRecord | undefined> {
    const row = await this.db.selectFrom('shares').select(RECORD_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row && this.record(row);
  }

  async findLiveByConversation(conversationId: string): Promise<ShareRecord | undefined> {
    const row = await this.db
      .selectFrom('shares')
      .select(RECORD_COLUMNS)
      .where('conversation_id', '=', conversationId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row && this.record(row);
  }

  /** A link of this conversation an admin took down, revoked since or not. */
  async findTakenDownByConversation(conversationId: string): Promise<ShareRecord | undefined> {
    const row = await this.db
      .selectFrom('shares')
      .select(RECORD_COLUMNS)
      .where('conversation_id', '=', conversationId)
      .where('taken_down_at', 'is not', null)
      .orderBy('taken_down_at', 'desc')
      .executeTakeFirst();
    return row && this.record(row);
  }

  /** The one indexed lookup every public read starts with. `code` must be a valid short code. */
  async findByCode(code: string): Promise<ShareRecord | undefined> {
    const { rows } = await this.db.executeQuery<RecordRow>({ ...this.byCode, parameters: [code] });
    const row = rows[0];
    return row && this.record(row);
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
    let query = this.db.selectFrom('shares').select(RECORD_COLUMNS).where('owner_id', '=', ownerId);
    if (options.status === 'live') query = query.where('revoked_at', 'is', null);
    if (options.status === 'revoked') query = query.where('revoked_at', 'is not', null);
    if (options.q) query = query.where(containsText('title', options.q));
    if (options.cursor) {
      const { value, id } = decodeCursor(options.cursor);
      const op = options.order === 'desc' ? '<' : '>';
      query = query.where((eb) =>
        eb.or([eb(column, op, value as never), eb.and([eb(column, '=', value as never), eb('id', op, id)])]),
      );
    }
    const rows = await query
      .orderBy(column, options.order)
      .orderBy('id', options.order)
      .limit(options.limit + 1)
      .execute();
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => this.record(row)),
      nextCursor: rows.length > options.limit && last ? encodeCursor(last[column] as string | number, last.id) : null,
    };
  }

  async revoke(id: string, by: string): Promise<boolean> {
    const at = this.now().toISOString();
    const result = await this.db
      .updateTable('shares')
      .set({ revoked_at: at, revoked_by: by, updated_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
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

  async revokeAllOf(ownerId: string): Promise<number> {
    const at = this.now().toISOString();
    const result = await this.db
      .updateTable('shares')
      .set({ revoked_at: at, revoked_by: ownerId, updated_at: at })
      .where('owner_id', '=', ownerId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
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
    this.views.add(id, this.now().toISOString());
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
