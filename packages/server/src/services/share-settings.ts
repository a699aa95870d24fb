/** Turns the owner's share settings into column changes: hashing, expiry, email lists. */
import { canUsePrivacy, cleanTitle, errors, SHARE_DEFAULTS, type Privacy } from '@chatshare/core';
import { hashPassword } from '../auth/passwords.js';
import type { ShareUpdate } from '../db/schema.js';
import type { ShareRecord } from '../repositories/shares.js';
import { normalizeEmail } from '../repositories/users.js';

export interface ShareSettingsInput {
  privacy?: Privacy;
  /** A new password; `null` removes it. */
  password?: string | null;
  /** Hours from now (fractions allowed); `null` means never. */
  expiresIn?: number | null;
  maxViews?: number | null;
  allowedEmails?: string[];
  allowIndexing?: boolean;
  allowEmbed?: boolean;
  showAuthor?: boolean;
  /** A title for the link other than the conversation's; `null` goes back to the conversation's. */
  title?: string | null;
}

export const DEFAULT_SETTINGS = SHARE_DEFAULTS;

const flag = (value: boolean) => (value ? 1 : 0);

/**
 * Column changes for `input`, given the share as it is (`current`, absent on create).
 * Only the settings present in `input` change.
 */
export async function settingsToColumns(
  input: ShareSettingsInput,
  context: { now: Date; current?: ShareRecord; snapshotTitle: string; enableOpenSharing: boolean },
): Promise<ShareUpdate> {
  const changes: ShareUpdate = {};
  const privacy = input.privacy ?? context.current?.privacy ?? DEFAULT_SETTINGS.privacy;
  if (!canUsePrivacy(privacy, { enableOpenSharing: context.enableOpenSharing }).allowed) {
    throw errors.openSharingDisabled();
  }
  if (input.privacy !== undefined) changes.privacy = input.privacy;
  if (input.password !== undefined) {
    changes.password_hash = input.password === null ? null : await hashPassword(input.password);
    // Any change (set, replace, remove) signs out everyone who unlocked the old one.
    changes.password_version = (context.current?.passwordVersion ?? 0) + 1;
  }
  if (input.expiresIn !== undefined) {
    changes.expires_at =
      input.expiresIn === null ? null : new Date(context.now.getTime() + input.expiresIn * 3600_000).toISOString();
  }
  if (input.maxViews !== undefined) changes.max_views = input.maxViews;
  if (input.allowedEmails !== undefined) {
    changes.allowed_emails = JSON.stringify([...new Set(input.allowedEmails.map(normalizeEmail))]);
  }
  if (input.allowIndexing !== undefined) changes.allow_indexing = flag(input.allowIndexing);
  if (input.allowEmbed !== undefined) changes.allow_embed = flag(input.allowEmbed);
  if (input.showAuthor !== undefined) changes.show_author = flag(input.showAuthor);
  if (input.title !== undefined) changes.title = cleanTitle(input.title, context.snapshotTitle);
  return changes;
}
