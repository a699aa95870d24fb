/**
 * Row types as stored. Timestamps are ISO-8601 UTC strings and booleans 0/1 on both dialects,
 * so one set of migrations and queries serves SQLite and PostgreSQL; ISO strings sort in time
 * order. Rows are mapped to domain objects in the repositories, never sent out as they are.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface UserTable {
  id: string;
  email: string;
  name: string | null;
  password_hash: string;
  email_verified_at: string | null;
  created_at: string;
  updated_at: string;
  /** 1 on the instance's first account (at most one row: a partial unique index), else null. */
  first_account: Generated<number | null>;
  /** When the operator made this account an admin (`chatshare admin create`); null for others. */
  admin_granted_at: Generated<string | null>;
}

export interface SessionTable {
  /** SHA-256 of the cookie's token: a leaked table does not give working sessions. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  /** The last characters of the token, so people can tell their tokens apart. */
  token_hint: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ConversationTable {
  id: string;
  owner_id: string;
  title: string;
  /** JSON: `{ messages, currentLeafId, models, context? }`. */
  data: string;
  source_format: string;
  imported_at: string;
  /** Messages of the shown branch, system messages not counted (core `messageCounts`). */
  message_count: number;
  branch_count: Generated<number>;
  /** The source's own id for the conversation, when its format has one. */
  source_id: string | null;
  /** core `contentFingerprint` of the messages as imported; null only if never computed. */
  content_hash: string | null;
  /** On a reader's copy of a link: the link's code and public address then, and when it was copied. */
  copied_from_code: Generated<string | null>;
  copied_from_url: Generated<string | null>;
  copied_at: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

export interface ShareTable {
  id: string;
  code: string;
  conversation_id: string | null;
  owner_id: string;
  privacy: string;
  password_hash: string | null;
  password_version: Generated<number>;
  /** JSON array of lower-cased emails. */
  allowed_emails: string;
  expires_at: string | null;
  max_views: number | null;
  revoked_at: string | null;
  revoked_by: string | null;
  /** JSON of the presented Snapshot (core `presentSnapshot`). */
  snapshot: string;
  snapshot_version: number;
  snapshot_at: string;
  message_count: number;
  title: string;
  allow_indexing: number;
  allow_embed: number;
  show_author: number;
  /** 0 or 1 as the owner chose; NULL: the default by privacy (core `ownerAllowsCopy`). */
  allow_copy: Generated<number | null>;
  /** NULL: a snapshot link; 'current' or 'chosen': the branch it follows (core `LiveUpdates`). */
  live_updates: Generated<string | null>;
  /** When and why (core `LiveHoldReason`) the link stopped following its conversation; NULL while it follows. */
  live_held_at: Generated<string | null>;
  live_held_reason: Generated<string | null>;
  /** 1 when the owner chose to redact secrets: every refresh of the snapshot redacts again. */
  redact: Generated<number>;
  /** What of the conversation the link shares (core `ShareSelection`); NULL leaf: the current branch. */
  selection_leaf_id: Generated<string | null>;
  selection_start: Generated<number>;
  /** Exclusive; NULL runs to the latest message. */
  selection_end: Generated<number | null>;
  view_count: Generated<number>;
  last_viewed_at: string | null;
  created_at: string;
  updated_at: string;
  /** Set when an instance admin took the link down: it then answers as revoked to all but its owner. */
  taken_down_at: Generated<string | null>;
  takedown_reason: Generated<string | null>;
  taken_down_by: Generated<string | null>;
}

/** Views of a share on one UTC day (`YYYY-MM-DD`), for the owner's chart. */
export interface ShareDailyViewsTable {
  share_id: string;
  day: string;
  views: number;
}

/** A reader's report of a share, for the instance admin. */
export interface ShareReportTable {
  id: string;
  share_id: string;
  reason: string;
  note: string | null;
  /** The signed-in reporter, if any: reports work without an account. */
  reporter_id: string | null;
  created_at: string;
  resolved_at: string | null;
  /** `taken_down` or `dismissed`. */
  resolution: string | null;
  resolved_by: string | null;
}

/**
 * The searchable text of a share that may be listed. On SQLite `doc_id` links the row to its
 * FTS5 entry; on PostgreSQL a generated `document` tsvector column (not mapped here) is searched.
 */
export interface ShareSearchTable {
  /** SQLite only. */
  doc_id: Generated<number>;
  share_id: string;
  title: string;
  body: string;
  excerpt: string;
  /** JSON array of model names. */
  models: string;
  /** When the share entered the listing (explore's "newest"). */
  listed_at: string;
}

/** A pre-rendered variant of a share's page (render/conversation-pages.ts). */
export interface SharePageTable {
  share_id: string;
  /** Which page: `page:<locale>`, `page:<locale>:owner` or `embed:<locale>`. */
  variant: string;
  /** The version of the share these bytes show (render/conversation-pages.ts `renderKey`). */
  render_key: string;
  etag: string;
  /** JSON `{ scriptHashes, styleHashes }`. */
  policy: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  rendered_at: string;
}

export interface Database {
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  conversations: ConversationTable;
  shares: ShareTable;
  share_daily_views: ShareDailyViewsTable;
  share_reports: ShareReportTable;
  share_search: ShareSearchTable;
  share_pages: SharePageTable;
}

export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type ConversationRow = Selectable<ConversationTable>;
export type ShareRow = Selectable<ShareTable>;
export type NewShareRow = Insertable<ShareTable>;
