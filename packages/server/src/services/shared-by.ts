/**
 * Who a link says shared it: the owner's display name, only when the owner turned "Show my
 * name" on. Read when the link is viewed (never frozen into the snapshot), so a changed or
 * cleared name shows on every live link from the next view on. The page, the embed, the
 * Markdown and the JSON all ask here, so they never disagree.
 */
import type { ShareRecord } from '../repositories/shares.js';
import type { UserRepository } from '../repositories/users.js';

export function sharedByOf(users: Pick<UserRepository, 'nameOf'>, share: ShareRecord): Promise<string | null> {
  if (!share.showAuthor) return Promise.resolve(null);
  // Read with the share by the page's own lookup, in the same moment as its live state.
  if (share.ownerName !== undefined) return Promise.resolve(share.ownerName);
  return users.nameOf(share.ownerId);
}
