/**
 * Request and response shapes of the REST API (`/api/v1`), generated from the server's route
 * schemas by packages/client/scripts/generate-types.ts: do not edit. After changing a schema, run
 * `npm run generate -w @chatshare/client`; test/api-types.test.ts fails until this file matches.
 */
import type { Message, NewMessage, Part, Privacy, ReportReason, ShareSelection } from '@chatshare/core';

// --- common --------------------------------------------------------------------------------------

/** An ISO 8601 date-time string. */
export type Timestamp = string;

// --- accounts ------------------------------------------------------------------------------------

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

/** The signed-in user, or null when nobody is. */
export interface SessionResponse {
  user: User | null;
}

export interface SignupInput {
  email: string;
  password: string;
  name?: string;
}

export interface UpdateMeInput {
  /** The display name ("Show my name" on links). Trimmed; an empty string or null clears it. */
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

export interface CreateApiTokenInput {
  /** What the token is for, e.g. the machine or script that uses it. */
  name: string;
}

export interface CreatedApiToken {
  /** The secret, shown only in this response. */
  token: string;
  apiToken: ApiToken;
}

// --- conversations -------------------------------------------------------------------------------

/** The owner's view of a conversation, with every branch. */
export interface Conversation {
  id: string;
  title: string;
  messages: Message[];
  currentLeafId: string | null;
  models: string[];
  /** Hidden context such as custom instructions; never shared. */
  context?: string;
  source: {
    format: string;
    importedAt: Timestamp;
    /** The source's own id for the conversation, if it has one. */
    id?: string;
  };
  /** Messages of the shown branch, system messages not counted (what a link of it shows). */
  messageCount: number;
  /** Branches of the message tree (edits, regenerated answers). */
  branchCount: number;
  /** Only on a reader's copy of someone's shared link (POST /api/v1/shared/:code/copies). */
  copiedFrom?: {
    /** The address of the link, as it was when copied. */
    shareUrl: string;
    shortCode: string;
    copiedAt: Timestamp;
  };
  /**
   * Only on the answer to a change of a conversation whose link has live updates: what the link took in of it.
   */
  liveLink?: {
    shareId: string;
    /**
     * `published`: the link shows the change now; `unchanged`: it showed this already; `held`: it still shows what it showed, for `reason`, until the owner updates it; `failed`: it could not be updated now (the change is stored; the next change or an update by the owner publishes it).
     */
    status: 'published' | 'unchanged' | 'held' | 'failed';
    reason?: 'secrets' | 'branch_gone';
    /** Possible secrets in the change: replaced when published (`redacted`), kept back when held. */
    warnings: SecretWarning[];
  };
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ConversationSummary {
  id: string;
  title: string;
  /** Messages of the shown branch, system messages not counted (what a link of it shows). */
  messageCount: number;
  /** Branches of the message tree (edits, regenerated answers). */
  branchCount: number;
  sourceFormat: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface PageQuery {
  /** From `nextCursor` of the previous page. */
  cursor?: string;
  /** Default `20`. */
  limit?: number;
  /** Search in titles. */
  q?: string;
}

export interface OpenAIChatMessage {
  /** system, developer, user, assistant, tool or function */
  role: string;
  /** A string, null or an array of content parts. */
  content?: unknown;
  name?: unknown;
  tool_calls?: unknown;
  tool_call_id?: unknown;
  [k: string]: unknown;
}

export interface AppendMessagesInput {
  /**
   * Items: Every message in one format: ours (a Message without parentId; id optional) or an OpenAI chat message (`{ role, content }`, content a string or an array of content parts; tool_calls; name).
   */
  messages: (NewMessage | OpenAIChatMessage)[];
  /** The message to reply to; default the current leaf, `null` starts a new root. */
  parentId?: string | null;
}

// --- shares --------------------------------------------------------------------------------------

export type ShareStatus = 'live' | 'expired' | 'revoked';

export interface ShareSettingsInput {
  /** public: listed and searchable; unlisted: anyone with the link; private: invited emails only. */
  privacy?: Privacy;
  /** A password viewers must enter; null removes it. */
  password?: string | null;
  /** Hours from now until the link expires (fractions allowed); null for never. */
  expiresIn?: number | null;
  /** The link expires after this many views. */
  maxViews?: number | null;
  /** Who may open a private link (verified emails). */
  allowedEmails?: string[];
  /** Let search engines index a public link. */
  allowIndexing?: boolean;
  /** Allow the link to be embedded in other sites. */
  allowEmbed?: boolean;
  /** Show author names and who shared it. */
  showAuthor?: boolean;
  /**
   * Let readers save a copy of the shown branch into their account; null: the default (on for public and unlisted links, off for private ones).
   */
  allowCopy?: boolean | null;
  /**
   * The link shows the conversation as it is now: every change to it is published at once, with the same presenter, selection and redaction, except a change that would publish possible secrets the link does not show yet (without `redact`), which waits for the owner (settings.liveUpdates.held). Turning it on brings the link up to date like `refresh`. It follows the current branch, or the branch chosen with `leafMessageId` when that is not the current one. Off (the default): the link keeps its snapshot until it is updated.
   */
  liveUpdates?: boolean;
  /** The link's title; null follows the conversation's. */
  title?: string | null;
}

export interface SnapshotInput {
  /** Replace secrets found in the content in the shared copy; kept for later refreshes until set false. */
  redact?: boolean;
  /** Share the branch ending here. */
  leafMessageId?: string;
  /** Share only these positions of the branch (end exclusive). */
  range?: {
    start?: number;
    end?: number;
  };
}

export type CreateShareInput = ShareSettingsInput &
  SnapshotInput & {
    conversationId: string;
  };

export type UpdateShareInput = ShareSettingsInput &
  SnapshotInput & {
    /** Re-snapshot the conversation; the code stays. */
    refresh?: boolean;
  };

export interface ShareSettings {
  id: string;
  conversationId: string | null;
  title: string;
  /** public: listed and searchable; unlisted: anyone with the link; private: invited emails only. */
  privacy: Privacy;
  hasPassword: boolean;
  expiresAt: Timestamp | null;
  maxViews: number | null;
  allowedEmails: string[];
  allowIndexing: boolean;
  allowEmbed: boolean;
  showAuthor: boolean;
  /** The owner's choice; null: never chosen, so the default by privacy (see copyAllowed). */
  allowCopy: boolean | null;
  /**
   * Whether the owner lets readers save a copy: allowCopy, or by default on for public and unlisted links. The instance (GET /api/v1/config `copies`) and a view limit can still rule it out.
   */
  copyAllowed: boolean;
  /** Secrets are redacted in the shared copy, at every refresh. */
  redact: boolean;
  /** Set when the link follows its conversation; null for a snapshot link. */
  liveUpdates: {
    /** `current`: the conversation's current branch; `chosen`: the branch the link shows, as it grows. */
    follows: 'current' | 'chosen';
    held: {
      at: Timestamp;
      /**
       * `secrets`: the change would publish possible secrets; `branch_gone`: the chosen branch is no longer in the conversation.
       */
      reason: 'secrets' | 'branch_gone';
    } | null;
  } | null;
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

/** Why and when an admin took the link down. */
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
  /** First position of the branch to scan. */
  start?: number;
  /** Position after the last one to scan. */
  end?: number;
}

/** What a share would publish, found before sharing; `redacted` is always false here. */
export interface ScanResult {
  /** What sharing this branch would publish. */
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

export type ListSharesQuery = PageQuery & {
  /** Find my link with this short code (at most one item; other filters are ignored). */
  code?: string;
  /** Default `created`. */
  sort?: 'created' | 'updated' | 'views' | 'title';
  /** Default `desc`. */
  order?: 'asc' | 'desc';
  /** live: not revoked (expired ones included). Default `live`. */
  status?: 'live' | 'revoked' | 'all';
};

export interface RevokeAllResult {
  revoked: number;
}

/** Views of a link on one UTC day. */
export interface DailyViews {
  /** A UTC day, `YYYY-MM-DD`. */
  day: string;
  views: number;
}

export interface ShareViewsQuery {
  /** How many days, ending today (UTC). Default `30`. */
  days?: number;
}

// --- imports -------------------------------------------------------------------------------------

export interface ImportedConversation {
  /** Position of the conversation in the file. */
  index: number;
  id: string;
  title: string;
  /** Messages of the shown branch, system messages not counted. */
  messageCount: number;
  branchCount: number;
}

export interface SkippedConversation {
  /** Position of the conversation in the file. */
  index: number;
  /** Where in the file reading failed, e.g. `[3].mapping.abc.message`. */
  path: string;
  title?: string;
  reason: string;
  /** Set when the conversation was imported before. */
  code?: 'already_imported' | 'changed_since_import';
  /** The stored conversation it was imported as. */
  conversationId?: string;
}

/** What an import did with each conversation of a file. */
export interface ImportReport {
  /** The format the file was read as; null when nothing in it was recognised. */
  format: string | null;
  imported: ImportedConversation[];
  /** Conversations imported before whose messages this file replaced (`onDuplicate=update`). */
  updated: ImportedConversation[];
  skipped: SkippedConversation[];
}

// --- public read ---------------------------------------------------------------------------------

/** A message as viewers see it: positional ids, no system messages. */
export interface SharedMessage {
  /** Positional and opaque (m1, m2, …). */
  id: string;
  parentId: string | null;
  role: 'user' | 'assistant' | 'tool';
  author?: string;
  parts: Part[];
  createdAt?: Timestamp;
  status?: 'complete' | 'incomplete';
  model?: string;
}

export interface SharedConversation {
  shortCode: string;
  title: string;
  sharedAt: Timestamp;
  /**
   * The link shows the conversation as it is now (live updates); `sharedAt` is then when it last changed.
   */
  live: boolean;
  messageCount: number;
  models: string[];
  /** Only when the owner chose to show their name. */
  sharedBy: string | null;
  messages: SharedMessage[];
}

/** A link with a view limit, read without using a view: reveal it to get the conversation. */
export interface SharedRevealRequired {
  shortCode: string;
  revealRequired: true;
  /** Views left before the link is used up. */
  viewsLeft: number;
}

// --- explore and search --------------------------------------------------------------------------

export type ExploreSort = 'relevance' | 'newest' | 'views';

export interface ExploreQuery {
  /** Words to find in titles and messages (all must match); "quotes" for a phrase. */
  q?: string;
  /** Default: relevance when searching, newest otherwise. */
  sort?: ExploreSort;
  /** From `nextCursor` of the previous page. */
  cursor?: string;
  /** Default `20`. */
  limit?: number;
}

export interface TextSegment {
  text: string;
  match: boolean;
}

export interface ExploreItem {
  shortCode: string;
  url: string;
  title: string;
  /** The text in pieces; `match` marks the words the search found. Render each piece as text. */
  titleHighlights: TextSegment[];
  /** The text in pieces; `match` marks the words the search found. Render each piece as text. */
  excerpt: TextSegment[];
  messageCount: number;
  models: string[];
  views: number;
  publishedAt: Timestamp;
  /** Only when the owner chose to show their name. */
  sharedBy: string | null;
}

export interface ExplorePage {
  items: ExploreItem[];
  sort: ExploreSort;
  nextCursor: string | null;
}

// --- reports and moderation ----------------------------------------------------------------------

export interface CreateReportInput {
  reason: ReportReason;
  /** What the admin should know; trimmed, control characters dropped. */
  note?: string;
}

export interface ReportReceived {
  /** The report is with the admins of this instance. */
  received: true;
}

/** A reported link as the instance admin sees it. */
export interface ModeratedShare {
  id: string;
  code: string;
  url: string;
  title: string;
  privacy: Privacy;
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
  /** Null when reported without an account. */
  reporterEmail: string | null;
  createdAt: Timestamp;
  resolvedAt: Timestamp | null;
  resolution: 'taken_down' | 'dismissed' | null;
  share: ModeratedShare;
}

export interface ListReportsQuery {
  /** From `nextCursor` of the previous page. */
  cursor?: string;
  /** Default `20`. */
  limit?: number;
  /** open: not yet taken down or dismissed. Default `open`. */
  status?: 'open' | 'resolved' | 'all';
}

export interface TakedownInput {
  /** Why the link was taken down; its owner sees it. */
  reason: string;
}

// --- instance and community publishing -----------------------------------------------------------

/** What an instance offers: public, cacheable, nothing secret. */
export interface InstanceConfig {
  /** New accounts can be created here. */
  signupEnabled: boolean;
  /** Public and unlisted links are allowed (false: private links only). */
  openSharing: boolean;
  /** Publishing from this instance to a community instance. */
  communitySharing: {
    /** The share dialog offers "Publish to community". */
    enabled: boolean;
    /** The community instance conversations are published to (no trailing slash). */
    url: string | null;
  };
  /** Receiving conversations from other instances on this one’s /publish page. */
  communityPublishing: {
    /** Sites whose conversations this instance’s /publish page accepts; empty means any. */
    allowedOrigins: string[];
  };
  /** Readers may save a copy of a link into their account, where its owner allows it. */
  copies: boolean;
}

export interface SnapshotQuery {
  /** The branch ending here. */
  leafMessageId?: string;
  /** Replace secrets found in the content. Default `false`. */
  redact?: boolean;
  /** Keep author names on messages. Default `false`. */
  showAuthor?: boolean;
}

/** A conversation as a link would show it (positional ids, no system messages). */
export interface Snapshot {
  format: 1;
  title: string;
  models: string[];
  messages: SharedMessage[];
}

export interface ConversationSnapshot {
  snapshot: Snapshot;
  /** Secrets found; `redacted` says whether they were replaced. */
  warnings: SecretWarning[];
}

export interface PublicationInput {
  /** The snapshot the sending instance posted (`{ format: 1, title, models, messages }`). */
  conversation: unknown;
  title: string;
  /** Show the publisher’s name (and author names) on the link. */
  showAuthor: boolean;
  /** The origin of the site that sent the conversation, as the /publish page saw it. */
  sourceOrigin: string;
}

// --- password-protected links and probes ---------------------------------------------------------

/** What unlocking a password-protected link (`POST /s/:code/unlock`) answers to a JSON request. */
export interface UnlockResult {
  unlocked: boolean;
}

export interface Health {
  status: 'ok';
}

/** `degraded`: the database answers but Redis does not; the instance serves with its own rate limits. */
export interface Readiness {
  status: 'ready' | 'degraded';
  redis?: 'down';
}
