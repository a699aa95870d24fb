/**
 * Turns the owner's share settings into changes of the share: the password hashed, the expiry
 * as a time, emails normalized, the title cleaned. Only the settings given change.
 */
import { canUsePrivacy, cleanTitle, errors, SHARE_DEFAULTS } from '@chatshare/core';
import type { Static } from 'typebox';
import { hashPassword } from '../auth/passwords.js';
import type { ShareRecord, ShareSettings } from '../repositories/shares.js';
import { normalizeEmail } from '../repositories/users.js';
import type { ShareSettingsInputSchema } from '../routes/api/shares/schema.js';

/** The settings an owner sends on create and on change, as the route schema accepts them. */
export type ShareSettingsInput = Static<typeof ShareSettingsInputSchema>;

/** A new link's settings before the owner's choices: core's defaults, no password and no limits. */
export const initialSettings = (title: string): ShareSettings => ({
  privacy: SHARE_DEFAULTS.privacy,
  passwordHash: null,
  passwordVersion: 0,
  allowedEmails: [],
  expiresAt: null,
  maxViews: null,
  title,
  allowIndexing: SHARE_DEFAULTS.allowIndexing,
  allowEmbed: SHARE_DEFAULTS.allowEmbed,
  showAuthor: SHARE_DEFAULTS.showAuthor,
});

/** The changes `input` makes to the share as it is (`current`, absent on create). */
export async function settingsToChanges(
  input: ShareSettingsInput,
  context: { now: Date; current?: ShareRecord; snapshotTitle: string; enableOpenSharing: boolean },
): Promise<Partial<ShareSettings>> {
  const changes: Partial<ShareSettings> = {};
  const privacy = input.privacy ?? context.current?.privacy ?? SHARE_DEFAULTS.privacy;
  if (!canUsePrivacy(privacy, { enableOpenSharing: context.enableOpenSharing }).allowed) {
    throw errors.openSharingDisabled();
  }
  if (input.privacy !== undefined) changes.privacy = input.privacy;
  if (input.password !== undefined) {
    changes.passwordHash = input.password === null ? null : await hashPassword(input.password);
    // Any change (set, replace, remove) signs out everyone who unlocked the old one.
    changes.passwordVersion = (context.current?.passwordVersion ?? 0) + 1;
  }
  if (input.expiresIn !== undefined) {
    changes.expiresAt = input.expiresIn === null ? null : new Date(context.now.getTime() + input.expiresIn * 3600_000);
  }
  if (input.maxViews !== undefined) changes.maxViews = input.maxViews;
  if (input.allowedEmails !== undefined) changes.allowedEmails = [...new Set(input.allowedEmails.map(normalizeEmail))];
  if (input.allowIndexing !== undefined) changes.allowIndexing = input.allowIndexing;
  if (input.allowEmbed !== undefined) changes.allowEmbed = input.allowEmbed;
  if (input.showAuthor !== undefined) changes.showAuthor = input.showAuthor;
  if (input.allowCopy !== undefined) changes.allowCopy = input.allowCopy;
  if (input.title !== undefined) changes.title = cleanTitle(input.title, context.snapshotTitle);
  return changes;
}
