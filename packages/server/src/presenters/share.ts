/**
 * What the owner sees of a share. Fields are listed one by one; the password hash, internal
 * revocation data and the snapshot itself never appear here.
 */
import {
  isTakenDown,
  ownerAllowsCopy,
  sharePolicies,
  shareStatus,
  shareUrl,
  type SecretWarning,
} from '@chatshare/core';
import type { ShareRecord } from '../repositories/shares.js';

export { shareStatus, type ShareStatus } from '@chatshare/core';

export function presentShareSettings(share: ShareRecord, now: Date) {
  return {
    id: share.id,
    conversationId: share.conversationId,
    title: share.title,
    privacy: share.privacy,
    hasPassword: share.hasPassword,
    expiresAt: share.expiresAt?.toISOString() ?? null,
    maxViews: share.maxViews,
    allowedEmails: [...share.allowedEmails],
    allowIndexing: share.allowIndexing,
    allowEmbed: share.allowEmbed,
    showAuthor: share.showAuthor,
    allowCopy: share.allowCopy,
    copyAllowed: ownerAllowsCopy(share),
    redact: share.redact,
    liveUpdates:
      share.liveUpdates === null
        ? null
        : {
            follows: share.liveUpdates,
            held: share.liveHeld ? { at: share.liveHeld.at, reason: share.liveHeld.reason } : null,
          },
    selection: { ...share.selection },
    viewCount: share.viewCount,
    lastViewedAt: share.lastViewedAt,
    messageCount: share.messageCount,
    snapshotAt: share.snapshotAt,
    snapshotVersion: share.snapshotVersion,
    status: shareStatus(share, now),
    createdAt: share.createdAt,
    updatedAt: share.updatedAt,
    revokedAt: share.revokedAt?.toISOString() ?? null,
    // The owner is told that, and why, an admin took the link down; never who did.
    takenDown: isTakenDown(share) ? { at: share.takenDownAt!.toISOString(), reason: share.takedownReason ?? '' } : null,
  };
}

export interface PresentShareOptions {
  publicUrl: string;
  user: { id: string };
  now: Date;
  warnings?: (SecretWarning & { redacted: boolean })[];
}

/** The owner API's share response: `{ shareUrl, shortCode, settings, warnings, policies }`. */
export function presentShare(share: ShareRecord, options: PresentShareOptions) {
  return {
    shareUrl: shareUrl(options.publicUrl, share.code),
    shortCode: share.code,
    settings: presentShareSettings(share, options.now),
    warnings: options.warnings ?? [],
    policies: sharePolicies(options.user, share),
  };
}

export type PresentedShare = ReturnType<typeof presentShare>;
