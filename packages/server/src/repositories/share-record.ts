/**
 * A share as the rest of the server sees it: what the repository returns, and what it takes
 * to create or change one. How these are stored is `share-rows.ts`'s business.
 */
import type { LiveHoldReason, LiveUpdates, Privacy, ShareAccessState, ShareSelection, Snapshot } from '@chatshare/core';

/** What the owner chooses for a link. */
export interface ShareSettings {
  privacy: Privacy;
  /** scrypt hash of the password, or null without one. */
  passwordHash: string | null;
  /** Goes up with every password change, which signs out everyone who unlocked the old one. */
  passwordVersion: number;
  /** Lower-cased, without repeats. */
  allowedEmails: string[];
  expiresAt: Date | null;
  maxViews: number | null;
  title: string;
  allowIndexing: boolean;
  allowEmbed: boolean;
  showAuthor: boolean;
  /**
   * Whether readers may save a copy; null: never chosen, so the default by privacy (core
   * `ownerAllowsCopy`). Optional so a new link that says nothing stores null.
   */
  allowCopy?: boolean | null;
}

/** The frozen copy of the conversation and how it was taken; a refresh takes it the same way. */
export interface ShareContent {
  snapshot: Snapshot;
  selection: ShareSelection;
  /** Secrets are replaced in this copy and in every refresh of it. */
  redact: boolean;
}

/** Whether the link follows its conversation (services/live-updates.ts), and where it stopped. */
export interface LiveState {
  /** null: a snapshot link, changed only when its owner updates it. */
  liveUpdates: LiveUpdates | null;
  /** Set while a live link could not take in a change and shows what it showed before. */
  liveHeld: LiveHeld | null;
}

export interface LiveHeld {
  /** ISO 8601. */
  at: string;
  reason: LiveHoldReason;
}

export interface NewShare extends ShareSettings, ShareContent, Partial<LiveState> {
  id: string;
  code: string;
  conversationId: string;
  ownerId: string;
}

/** What an update changes; absent fields stay. A new `snapshot` is stored as the next version. */
export interface ShareChanges extends Partial<ShareSettings>, Partial<ShareContent>, Partial<LiveState> {}

/** An admin's takedown of a link. */
export interface Takedown {
  at: Date;
  reason: string;
  /** The admin's user id. */
  by: string;
}

export interface ShareRecord extends ShareAccessState, LiveState {
  id: string;
  code: string;
  conversationId: string | null;
  passwordHash: string | null;
  title: string;
  allowIndexing: boolean;
  allowEmbed: boolean;
  showAuthor: boolean;
  /** See `ShareSettings.allowCopy`. */
  allowCopy: boolean | null;
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
  /**
   * The owner's display name as read with the share, when the lookup read it (by code, with
   * "Show my name" on; services/shared-by.ts): the page then needs no second query.
   */
  ownerName?: string | null;
}
