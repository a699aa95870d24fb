/**
 * Request and response shapes of the REST API (`/api/v1`). Written out here rather than
 * derived from the server's route schemas so that users of the SDK (browsers, third parties)
 * never type-check against server internals; test/server-types.check.ts makes the compiler
 * fail when these drift from the server's TypeBox schemas. The conversation model itself
 * comes from @chatshare/core, which owns it.
 */
import type { ConversationInput, ImportFormat, Message, Part, Privacy, Role, ShareSelection } from '@chatshare/core';

export type { ConversationInput, ImportFormat, Message, Part, Role, ShareSelection };

/** An ISO 8601 date-time string, as the API sends it. */
export type Timestamp = string;

/** One page of a cursor-paged list. Pass `nextCursor` back as `cursor`; `null` means the end. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageQuery {
  /** From `nextCursor` of the previous page. */
  cursor?: string;
  /** 1 to 100, default 20. */
  limit?: number;
  /** Search in titles. */
  q?: string;
}

// --- accounts -------------------------------------------------------------------------------

export interface User {
  id: string;
  email: string;
  name: string | null;
  emailVerified: boolean;
  createdAt: Timestamp;
  /** Whether this user moderates the instance (reports, takedowns). */
  isAdmin: boolean;
}

export interface UserResponse {
  user: User;
}

/** `auth.session()`: the signed-in user, or `null` when nobody is. */
export interface SessionResponse {
  user: User | null;
}

export interface SignupInput {
  email: string;
  /** 8 to 256 characters. */
  password: string;
  name?: string;
}

export interface UpdateMeInput {
  /**
   * The display name, up to 120 characters, shown as "Shared by …" on links with "Show my
   * name". Trimmed by the server; `''` or `null` clears it.
   */
  name: string | null;
}

export interface SigninInput {
  email: string;
  password: string;
}

export interface ApiToken {
  id: string;
  name: string;
  /** The last four characters of the token. */
  hint: string;
  createdAt: Timestamp;
  lastUsedAt: Timestamp | null;
}

export interface ApiTokenList {
  items: ApiToken[];
}

export interface CreatedApiToken {
  /** The secret: shown only in this response. */
  token: string;
  apiToken: ApiToken;
}

// --- conversations --------------------------------------------------------------------------

/** The owner's view of a conversation, with every branch. */
export interface Conversation {
  id: string;
  title: string;
  messages: Message[];
  currentLeafId: string | null;
  models: string[];
  /** Hidden context such as custom instructions; never shared. */
  context?: string;
  /** `id`: the source's own id for the conversation, when its format has one. */
  source: { format: string; importedAt: Timestamp; id?: string };
  /** Messages of the shown branch, system messages not counted (what a link of it shows). */
  messageCount: number;
  /** Branches of the message tree (edited prompts, regenerated answers). */
  branchCount: number;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ConversationSummary {
  id: string;
  title: string;
  /** Messages of the shown branch, system messages not counted. */
  messageCount: number;
  branchCount: number;
  sourceFormat: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type ListConversationsQuery = PageQuery;

/** A message to append; the server assigns an id when none is given. */
export interface NewMessage {
  id?: string;
  role: Role;
  author?: string;
  parts: Part[];
  createdAt?: Timestamp;
  model?: string;
  status?: 'complete' | 'incomplete';
}

/** An OpenAI chat message (`{ role, content }`), which appending also accepts. */
export interface OpenAIChatMessage {
  role: string;
  content?: unknown;
  name?: unknown;
  tool_calls?: unknown;
  tool_call_id?: unknown;
  [key: string]: unknown;
}

export interface AppendMessagesInput {
  /** All in one format: ours (`parts`) or OpenAI's (`content`). */
  messages: NewMessage[] | OpenAIChatMessage[];
  /** The message to reply to; default the current leaf, `null` starts a new root. */
  parentId?: string | null;
}

// --- shares ---------------------------------------------------------------------------------

/** public: listed and searchable; unlisted: anyone with the link; private: invited emails only. */
export type SharePrivacy = Privacy;
export type ShareStatus = 'live' | 'expired' | 'revoked';

export interface ShareSettingsInput {
  privacy?: SharePrivacy;
  /** A password viewers must enter; `null` removes it. */
  password?: string | null;
  /** Hours from now until the link expires (fractions allowed); `null` for never. */
  expiresIn?: number | null;
  /** The link expires after this many views; `null` for no limit. */
  maxViews?: number | null;
  /** Who may open a private link (verified emails). */
  allowedEmails?: string[];
  allowIndexing?: boolean;
  allowEmbed?: boolean;
  showAuthor?: boolean;
  /** The link's title; `null` follows the conversation's. */
  title?: string | null;
}

export interface SnapshotInput {
  /** Replace secrets found in the content in the shared copy; kept for later refreshes until set false. */
  redact?: boolean;
  /** Share the branch ending at this message. */
  leafMessageId?: string;
  /** Share only these positions of the branch (end exclusive). */
  range?: { start?: number; end?: number };
}

export interface CreateShareInput extends ShareSettingsInput, SnapshotInput {
  conversationId: string;
}

export interface UpdateShareInput extends ShareSettingsInput, SnapshotInput {
  /** Re-snapshot the conversation; the code stays. */
  refresh?: boolean;
}

export interface ShareSettings {
  id: string;
  conversationId: string | null;
  title: string;
  privacy: SharePrivacy;
  hasPassword: boolean;
  expiresAt: Timestamp | null;
  maxViews: number | null;
  allowedEmails: string[];
  allowIndexing: boolean;
  allowEmbed: boolean;
  showAuthor: boolean;
  /** Secrets are redacted in the shared copy, at every refresh. */
  redact: boolean;
  /** What of the conversation the link shares; "Update link" takes the same part again. */
  selection: ShareSelection;
  viewCount: number;
  lastViewedAt: Timestamp | null;
  messageCount: number;
  snapshotAt: Timestamp;
  snapshotVersion: number;
  status: ShareStatus;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  revokedAt: Timestamp | null;
  /** Set when an admin of this instance took the link down: it is a 404 for everyone else. */
  takenDown: ShareTakedown | null;
}

/** Why and when an admin took a link down. */
export interface ShareTakedown {
  at: Timestamp;
  /** The admin's reason, shown to the link's owner. */
  reason: string;
}

/** A secret found in the shared content. */
export interface SecretWarning {
  kind: string;
  label: string;
  /** A masked form of the secret. */
  preview: string;
  /** `title` or `messages[i]` (position in the shared copy). */
  location: string;
  redacted: boolean;
}

export interface ScanQuery {
  /** Scan the branch ending at this message instead of the current one. */
  leafMessageId?: string;
  /** Scan only positions `start` up to `end` (exclusive) of the branch. */
  start?: number;
  end?: number;
}

/** What a share would publish, found before sharing. `redacted` is always false here. */
export interface ScanResult {
  warnings: SecretWarning[];
}

/** What the signed-in user may do with the share (for enabling buttons). */
export interface SharePolicies {
  read: boolean;
  update: boolean;
  revoke: boolean;
}

export interface Share {
  shareUrl: string;
  shortCode: string;
  settings: ShareSettings;
  warnings: SecretWarning[];
  policies: SharePolicies;
}

export interface ListSharesQuery extends PageQuery {
  /** Find my link with this short code (at most one item; other filters are ignored). */
  code?: string;
  /** Default `created`. */
  sort?: 'created' | 'updated' | 'views' | 'title';
  /** Default `desc`. */
  order?: 'asc' | 'desc';
  /** Default `live` (not revoked; expired ones included). */
  status?: 'live' | 'revoked' | 'all';
}

export interface RevokeAllResult {
  revoked: number;
}

/** Views of a link on one UTC day. */
export interface DailyViews {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  views: number;
}

export interface ShareViewsQuery {
  /** How many days, ending today (UTC): 1 to 365, default 30. */
  days?: number;
}

// --- imports --------------------------------------------------------------------------------

/**
 * What an import does with a conversation imported before (same source id, or same content
 * when the source has none): `skip` it, `update` one that changed at the source (its messages
 * are replaced; id, title and links stay), or `copy` it (stored again).
 */
export type OnDuplicate = 'skip' | 'update' | 'copy';

export interface ImportedConversation {
  /** Position in the file. */
  index: number;
  id: string;
  title: string;
  messageCount: number;
  branchCount: number;
}

export interface SkippedConversation {
  index: number;
  /** Where in the file reading failed, e.g. `[3].mapping`. */
  path: string;
  title?: string;
  reason: string;
  /** Set when it was imported before: `changed_since_import` when it went on at the source since. */
  code?: 'already_imported' | 'changed_since_import';
  /** The stored conversation it was imported as. */
  conversationId?: string;
}

/** What `POST /api/v1/imports` did with each conversation of a file. */
export interface ImportReport {
  /** The format the file was read as; `null` when nothing in it was recognised. */
  format: string | null;
  imported: ImportedConversation[];
  /** Conversations imported before whose messages the file replaced (`onDuplicate: 'update'`). */
  updated: ImportedConversation[];
  /** Conversations not stored: unreadable ones (where reading failed and why) and ones imported before. */
  skipped: SkippedConversation[];
}

// --- public read ----------------------------------------------------------------------------

/** A message as viewers see it: positional ids (m1, m2, …), no system messages. */
export interface SharedMessage extends Omit<Message, 'id' | 'parentId' | 'role'> {
  id: string;
  parentId: string | null;
  role: 'user' | 'assistant' | 'tool';
}

export interface SharedConversation {
  shortCode: string;
  title: string;
  sharedAt: Timestamp;
  messageCount: number;
  models: string[];
  /** Only when the owner chose to show their name. */
  sharedBy: string | null;
  messages: SharedMessage[];
}

/**
 * What `shared.get` answers for a link with a view limit: no content, and no view used.
 * `shared.reveal(code)` uses a view and answers the conversation.
 */
export interface SharedRevealRequired {
  shortCode: string;
  revealRequired: true;
  /** Views left before the link is used up. */
  viewsLeft: number;
}

export interface UnlockResult {
  unlocked: boolean;
}

// --- explore and search ---------------------------------------------------------------------

export type ExploreSort = 'relevance' | 'newest' | 'views';

export interface ExploreQuery {
  /** Words to find in titles and messages (all must match); "quotes" for a phrase. */
  q?: string;
  /** Default: relevance when searching, newest otherwise. */
  sort?: ExploreSort;
  cursor?: string;
  /** 1 to 50, default 20. */
  limit?: number;
}

/** A piece of text; `match` marks the words a search found. Render each piece as text. */
export interface TextSegment {
  text: string;
  match: boolean;
}

/** A public share as explore and search list it. */
export interface ExploreItem {
  shortCode: string;
  url: string;
  title: string;
  titleHighlights: TextSegment[];
  excerpt: TextSegment[];
  messageCount: number;
  models: string[];
  views: number;
  publishedAt: Timestamp;
  /** Only when the owner chose to show their name. */
  sharedBy: string | null;
}

export interface ExplorePage extends Page<ExploreItem> {
  /** The order used (relevance needs search words). */
  sort: ExploreSort;
}

// --- reports and moderation -----------------------------------------------------------------

export type ReportReason =
  'spam' | 'harassment' | 'illegal' | 'sexual' | 'violence' | 'personal_information' | 'copyright' | 'other';

export interface CreateReportInput {
  reason: ReportReason;
  /** Up to 1000 characters for the admins; trimmed, control characters dropped. */
  note?: string;
}

export interface ReportReceived {
  received: true;
}

/** A reported link as the instance admin sees it. */
export interface ModeratedShare {
  id: string;
  code: string;
  url: string;
  title: string;
  privacy: SharePrivacy;
  ownerEmail: string;
  revokedAt: Timestamp | null;
  takenDown: ShareTakedown | null;
  /** Reports of this link, open or not. */
  reportCount: number;
  openReportCount: number;
}

export interface Report {
  id: string;
  reason: ReportReason;
  note: string | null;
  /** `null` when reported without an account. */
  reporterEmail: string | null;
  createdAt: Timestamp;
  resolvedAt: Timestamp | null;
  resolution: 'taken_down' | 'dismissed' | null;
  share: ModeratedShare;
}

export interface ListReportsQuery {
  cursor?: string;
  limit?: number;
  /** Default `open`. */
  status?: 'open' | 'resolved' | 'all';
}

export interface TakedownInput {
  /** Why the link is taken down (1 to 1000 characters); its owner sees it. */
  reason: string;
}

// --- instance and community publishing -------------------------------------------------------

/** What an instance offers (`GET /api/v1/config`): public, cacheable, nothing secret. */
export interface InstanceConfig {
  signupEnabled: boolean;
  /** False: only private links can be made here. */
  openSharing: boolean;
  /** Publishing from this instance to a community instance ("Publish to community"). */
  communitySharing: { enabled: boolean; url: string | null };
  /** Sites whose conversations this instance's /publish page accepts; empty means any. */
  communityPublishing: { allowedOrigins: string[] };
}

export interface SnapshotQuery {
  /** The branch ending at this message instead of the current one. */
  leafMessageId?: string;
  /** Replace secrets found in the content. */
  redact?: boolean;
  /** Keep author names on messages (default false). */
  showAuthor?: boolean;
}

/** A conversation as a link would show it: positional ids, no system messages, no hidden context. */
export interface Snapshot {
  format: 1;
  title: string;
  models: string[];
  messages: SharedMessage[];
}

/** `GET /api/v1/conversations/:id/snapshot`: what would be published, and the secrets in it. */
export interface ConversationSnapshot {
  snapshot: Snapshot;
  /** `redacted` says whether each secret was replaced in `snapshot`. */
  warnings: SecretWarning[];
}

/** `POST /api/v1/community/publications`, sent by the /publish page of the receiving instance. */
export interface PublicationInput {
  /** The snapshot the sending instance posted. */
  conversation: unknown;
  title: string;
  /** Show the publisher's name (and author names) on the link. */
  showAuthor: boolean;
  /** The sending site's origin, as the page saw it on the message. */
  sourceOrigin: string;
}

// --- operations -----------------------------------------------------------------------------

export interface Health {
  status: 'ok';
}

/** `degraded`: the database answers but Redis does not; the instance serves with its own rate limits. */
export interface Readiness {
  status: 'ready' | 'degraded';
  redis?: 'down';
}
