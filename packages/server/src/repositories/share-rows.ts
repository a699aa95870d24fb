/**
 * How a share is stored: the `shares` row and the domain objects of `share-record.ts`, mapped
 * both ways. Flags are 0/1, lists and snapshots JSON, times ISO strings (see db/schema.ts).
 */
import type { LiveHoldReason, LiveUpdates, Privacy } from '@chatshare/core';
import { sql, type UpdateObject } from 'kysely';
import type { Database, NewShareRow, ShareRow } from '../db/schema.js';
import type { LiveState, NewShare, ShareChanges, ShareContent, ShareRecord, ShareSettings } from './share-record.js';

/** Every column but the (large) snapshot. */
export const RECORD_COLUMNS = [
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
  'allow_copy',
  'live_updates',
  'live_held_at',
  'live_held_reason',
  'redact',
  'selection_leaf_id',
  'selection_start',
  'selection_end',
  'view_count',
  'last_viewed_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ShareRow)[];

export type RecordRow = Pick<ShareRow, (typeof RECORD_COLUMNS)[number]>;

const date = (value: string | null) => (value === null ? null : new Date(value));
const isoOrNull = (value: Date | null) => (value === null ? null : value.toISOString());
const flag = (value: boolean) => (value ? 1 : 0);
/** `convert` of a value that was given; an absent one stays absent (the column is not written). */
const ifGiven = <T, R>(value: T | undefined, convert: (given: T) => R): R | undefined =>
  value === undefined ? undefined : convert(value);

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
  allowCopy: row.allow_copy === null ? null : Number(row.allow_copy) === 1,
  liveUpdates: row.live_updates as LiveUpdates | null,
  liveHeld: row.live_held_at === null ? null : { at: row.live_held_at, reason: row.live_held_reason as LiveHoldReason },
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

type SettingColumns = Pick<
  NewShareRow,
  | 'privacy'
  | 'password_hash'
  | 'password_version'
  | 'allowed_emails'
  | 'expires_at'
  | 'max_views'
  | 'title'
  | 'allow_indexing'
  | 'allow_embed'
  | 'show_author'
  | 'allow_copy'
>;

type ContentColumns = Pick<
  NewShareRow,
  'snapshot' | 'message_count' | 'selection_leaf_id' | 'selection_start' | 'selection_end' | 'redact'
>;

type LiveColumns = Pick<NewShareRow, 'live_updates' | 'live_held_at' | 'live_held_reason'>;

function liveColumns(live: Partial<LiveState>): Partial<LiveColumns> {
  return {
    live_updates: live.liveUpdates,
    live_held_at: ifGiven(live.liveHeld, (held) => held?.at ?? null),
    live_held_reason: ifGiven(live.liveHeld, (held) => held?.reason ?? null),
  };
}

// Absent settings come out undefined, which Kysely leaves out of an INSERT or UPDATE.
function settingColumns(settings: ShareSettings): SettingColumns;
function settingColumns(settings: Partial<ShareSettings>): Partial<SettingColumns>;
function settingColumns(settings: Partial<ShareSettings>): Partial<SettingColumns> {
  return {
    privacy: settings.privacy,
    password_hash: settings.passwordHash,
    password_version: settings.passwordVersion,
    allowed_emails: ifGiven(settings.allowedEmails, (emails) => JSON.stringify(emails)),
    expires_at: ifGiven(settings.expiresAt, isoOrNull),
    max_views: settings.maxViews,
    title: settings.title,
    allow_indexing: ifGiven(settings.allowIndexing, flag),
    allow_embed: ifGiven(settings.allowEmbed, flag),
    show_author: ifGiven(settings.showAuthor, flag),
    allow_copy: ifGiven(settings.allowCopy, (allow) => (allow === null ? null : flag(allow))),
  };
}

function contentColumns(content: ShareContent): ContentColumns;
function contentColumns(content: Partial<ShareContent>): Partial<ContentColumns>;
function contentColumns(content: Partial<ShareContent>): Partial<ContentColumns> {
  return {
    snapshot: ifGiven(content.snapshot, (snapshot) => JSON.stringify(snapshot)),
    message_count: content.snapshot?.messages.length,
    selection_leaf_id: content.selection?.leafMessageId,
    selection_start: content.selection?.start,
    selection_end: content.selection?.end,
    redact: ifGiven(content.redact, flag),
  };
}

/** The row of a new share, created at `at`: live, never viewed, its snapshot the first version. */
export const newShareRow = (share: NewShare, at: Date): NewShareRow => ({
  id: share.id,
  code: share.code,
  conversation_id: share.conversationId,
  owner_id: share.ownerId,
  ...settingColumns(share),
  ...contentColumns(share),
  ...liveColumns(share),
  revoked_at: null,
  revoked_by: null,
  last_viewed_at: null,
  snapshot_version: 1,
  snapshot_at: at.toISOString(),
  created_at: at.toISOString(),
  updated_at: at.toISOString(),
});

/** The columns `changes` writes at `at`; a new snapshot goes up one version, taken at `at`. */
export function changedColumns(changes: ShareChanges, at: Date): UpdateObject<Database, 'shares'> {
  const snapshotted =
    changes.snapshot === undefined
      ? {}
      : { snapshot_version: sql<number>`snapshot_version + 1`, snapshot_at: at.toISOString() };
  return {
    ...settingColumns(changes),
    ...contentColumns(changes),
    ...liveColumns(changes),
    ...snapshotted,
    updated_at: at.toISOString(),
  };
}
