/**
 * Who a link says shared it: the owner's display name, only when the owner turned "Show my
 * name" on. Read when the link is viewed (never frozen into the snapshot), so a changed or
 * cleared name shows on every live link from the next view on. The page, the embed, the
 * Markdown and the JSON all ask here, so they never disagree.
 */
import type { ShareRecord } from '../repositories/shares.js';
import type { UserRepository } from '../repositories/users.js';

export function sharedByOf(users: Pick<UserRepository, 'nameOf'>, share: ShareRecord): Promise<string | null> {
  const known = sharedByNow(share);
  return known === undefined ? users.nameOf(share.ownerId) : Promise.resolve(known);
}

/** `sharedByOf` without a query: `undefined` when the name was not read with the share. */
export function sharedByNow(share: ShareRecord): string | null | undefined {
  if (!share.showAuthor) return null;
  // Read with the share by the page's own lookup, in the same moment as its live state.
  return share.ownerName;
}
