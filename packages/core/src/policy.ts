/**
 * Every access decision, in one place (docs/design.md §Access rules). Pure: the caller passes the share's live
 * state, who is asking and the time. Handlers call these and never re-implement a rule.
 */
export type Privacy = 'public' | 'unlisted' | 'private';
export const PRIVACY_LEVELS: readonly Privacy[] = ['public', 'unlisted', 'private'];

/** The fields of a share that access depends on. */
export interface ShareAccessState {
  ownerId: string;
  privacy: Privacy;
  hasPassword: boolean;
  passwordVersion: number;
  allowedEmails: readonly string[];
  expiresAt: Date | null;
  maxViews: number | null;
  viewCount: number;
  revokedAt: Date | null;
  /** Set when an instance admin took the link down. */
  takenDownAt: Date | null;
}

export interface Viewer {
  userId: string | null;
  /** The viewer's email, and whether they proved they own it. */
  email: string | null;
  emailVerified: boolean;
  /** `passwordVersion` carried by a valid unlock cookie for this share, if any. */
  unlockedPasswordVersion: number | null;
}

export const ANONYMOUS: Viewer = { userId: null, email: null, emailVerified: false, unlockedPasswordVersion: null };

/** `used_up`: every view of a view-limited link was used (a 410 like `expired`, worded apart). */
export type DenialReason = 'not_found' | 'expired' | 'used_up' | 'password_required' | 'taken_down';
/**
 * `required`: the reader is shown a click-to-reveal step without content first, and only
 * asking for the content (a POST) counts a view, so unfurlers and prefetchers never use one up.
 */
export type Reveal = 'none' | 'required';
export type ViewDecision =
  | {
      allowed: true;
      isOwner: boolean;
      reveal: Reveal;
      /** Views left on a view-limited link (before this one), or null when there is no limit. */
      viewsLeft: number | null;
    }
  | { allowed: false; reason: DenialReason };

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether `viewer` may see the share now, and if not, what to answer. */
export function canView(share: ShareAccessState, viewer: Viewer, now: Date): ViewDecision {
  // A revoked link is dead for everyone; the owner still has it in their own list.
  if (share.revokedAt !== null) return { allowed: false, reason: 'not_found' };
  const isOwner = viewer.userId !== null && viewer.userId === share.ownerId;
  // A link an admin took down is dead like a revoked one; only its owner is told why.
  if (share.takenDownAt !== null) return { allowed: false, reason: isOwner ? 'taken_down' : 'not_found' };
  const viewsLeft = share.maxViews === null ? null : Math.max(0, share.maxViews - share.viewCount);
  // The owner sees their own link as it is, and never uses up one of its views.
  if (isOwner) return { allowed: true, isOwner: true, reveal: 'none', viewsLeft };
  if (share.privacy === 'private') {
    const invited =
      viewer.email !== null &&
      viewer.emailVerified &&
      share.allowedEmails.some((email) => sameEmail(email, viewer.email!));
    // Same answer as an unknown code: a private link does not reveal that it exists.
    if (!invited) return { allowed: false, reason: 'not_found' };
  }
  if (share.expiresAt !== null && share.expiresAt.getTime() <= now.getTime())
    return { allowed: false, reason: 'expired' };
  if (viewsLeft === 0) return { allowed: false, reason: 'used_up' };
  if (share.hasPassword && viewer.unlockedPasswordVersion !== share.passwordVersion) {
    return { allowed: false, reason: 'password_required' };
  }
  return { allowed: true, isOwner: false, reveal: viewsLeft === null ? 'none' : 'required', viewsLeft };
}

/**
 * Whether the share may appear in public listings (explore, search, sitemap). A view-limited
 * link never does: a listing shows its title and text, which such a link keeps behind its
 * reveal step.
 */
export function isListed(share: ShareAccessState, now: Date): boolean {
  return (
    share.privacy === 'public' &&
    !share.hasPassword &&
    share.revokedAt === null &&
    share.takenDownAt === null &&
    (share.expiresAt === null || share.expiresAt.getTime() > now.getTime()) &&
    share.maxViews === null
  );
}

/**
 * Whether search engines may index the page. Never for a view-limited link: crawlers would
 * use up the views its owner meant for people.
 */
export const isIndexable = (share: ShareAccessState & { allowIndexing: boolean }, now: Date): boolean =>
  share.allowIndexing && share.maxViews === null && isListed(share, now);

/**
 * Whether any site may show the link's content in a frame now (`/embed/:code`, oEmbed): the
 * owner allows it and an anonymous reader could open the link without a step, so never a
 * private, password or view-limited link (a frame loads without a click: it would use views).
 */
export function isEmbeddable(share: ShareAccessState & { allowEmbed: boolean }, now: Date): boolean {
  const decision = canView(share, ANONYMOUS, now);
  return share.allowEmbed && decision.allowed && decision.reveal === 'none';
}

export type OwnerAction = 'read' | 'update' | 'delete' | 'share' | 'revoke';

/** Owner actions on a resource. A refusal is answered as "not found" by the caller. */
export function authorize(
  user: { id: string } | null,
  action: OwnerAction,
  resource: { ownerId: string; revokedAt?: Date | null; takenDownAt?: Date | null },
): boolean {
  if (user === null || user.id !== resource.ownerId) return false;
  // A revoked share can be read (it stays in the owner's list) but not changed or revoked again.
  if (resource.revokedAt && action !== 'read') return false;
  // A share taken down by an admin can be read and revoked by its owner, not changed.
  if (resource.takenDownAt && action !== 'read' && action !== 'revoke') return false;
  return true;
}

/** What the owner may do with a share, for the share dialog's buttons. */
export const sharePolicies = (
  user: { id: string } | null,
  share: { ownerId: string; revokedAt: Date | null; takenDownAt?: Date | null },
) => ({
  read: authorize(user, 'read', share),
  update: authorize(user, 'update', share),
  revoke: authorize(user, 'revoke', share),
});

/** Who may moderate an instance: its configured admin emails, or else its first account. */
export interface InstanceAdmins {
  /** Lower-cased emails from ADMIN_EMAILS; empty means "the first account". */
  adminEmails: readonly string[];
  /** The earliest account (by creation time, then id), or null when there is none. */
  firstAccountId: string | null;
}

/**
 * Whether `user` is an instance admin. An account the operator made an admin (`grantedAdmin`,
 * from the command line with access to the database) always is. Beyond those: with admin
 * emails configured, exactly the users whose verified email is listed (an unverified address
 * proves nothing); otherwise the first account.
 */
export function isInstanceAdmin(
  user: { id: string; email: string; emailVerified: boolean; grantedAdmin?: boolean } | null,
  admins: InstanceAdmins,
): boolean {
  if (user === null) return false;
  if (user.grantedAdmin === true) return true;
  if (admins.adminEmails.length > 0) {
    return user.emailVerified && admins.adminEmails.some((email) => sameEmail(email, user.email));
  }
  return admins.firstAccountId !== null && user.id === admins.firstAccountId;
}

/** A yes, or a no with the rule that said it. */
export type Decision<Reason extends string> = { allowed: true } | { allowed: false; reason: Reason };

const ALLOWED: { allowed: true } = { allowed: true };
const refuse = <Reason extends string>(reason: Reason): { allowed: false; reason: Reason } => ({
  allowed: false,
  reason,
});

/** Whether the link counts its views against a limit (and so keeps a reveal step). */
export const isViewLimited = (share: Pick<ShareAccessState, 'maxViews'>): boolean => share.maxViews !== null;

/** Whether an admin took the link down (whatever its owner did with it since). */
export const isTakenDown = (share: Pick<ShareAccessState, 'takenDownAt'>): boolean => share.takenDownAt !== null;

export type ShareStatus = 'live' | 'expired' | 'revoked';

/**
 * How a link stands for its owner: `revoked`, `expired` (past its date, or every view used)
 * or `live`.
 */
export function shareStatus(
  share: Pick<ShareAccessState, 'revokedAt' | 'expiresAt' | 'maxViews' | 'viewCount'>,
  now: Date,
): ShareStatus {
  if (share.revokedAt !== null) return 'revoked';
  if (share.expiresAt !== null && share.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (share.maxViews !== null && share.viewCount >= share.maxViews) return 'expired';
  return 'live';
}

export type CacheRefusal = 'private' | 'password' | 'view_limited' | 'not_viewable';

/**
 * Whether anyone at all would get the same page of the link now, so browsers may keep it and
 * revalidate. Private, password and view-limited links differ per reader, and a link an
 * anonymous reader may not open has nothing to keep.
 */
export function isPubliclyCacheable(share: ShareAccessState, now: Date): Decision<CacheRefusal> {
  if (share.privacy === 'private') return refuse('private');
  if (share.hasPassword) return refuse('password');
  if (share.maxViews !== null) return refuse('view_limited');
  if (!canView(share, ANONYMOUS, now).allowed) return refuse('not_viewable');
  return ALLOWED;
}

/** With open sharing off, the instance allows only private links (invited emails). */
export function canUsePrivacy(
  privacy: Privacy,
  instance: { enableOpenSharing: boolean },
): Decision<'open_sharing_disabled'> {
  if (!instance.enableOpenSharing && privacy !== 'private') return refuse('open_sharing_disabled');
  return ALLOWED;
}

/**
 * Whether the owner may change the link (settings, snapshot, code). Ownership is checked by
 * `authorize`; this says which rule refuses: a revoked link is done with, and a link an admin
 * took down is not brought back by editing (the owner may still read and revoke it).
 */
export function canEdit(
  share: Pick<ShareAccessState, 'revokedAt' | 'takenDownAt'>,
): Decision<'revoked' | 'taken_down'> {
  if (share.revokedAt !== null) return refuse('revoked');
  if (share.takenDownAt !== null) return refuse('taken_down');
  return ALLOWED;
}

/**
 * Whether the reader of an allowed view (`canView`) may report the link. An owner may not
 * report their own link: they can revoke it.
 */
export const canReport = (view: { isOwner: boolean }): Decision<'own_share'> =>
  view.isOwner ? refuse('own_share') : ALLOWED;

export type EmbedOfferRefusal = 'not_allowed' | 'private' | 'password' | 'not_live';

/**
 * Whether the owner's share dialog offers the embed snippet, from the owner's view of the
 * settings: the owner allows embedding, no password, not private, and the link is live (the
 * server answers other embeds with a panel, not the conversation; see `isEmbeddable`).
 */
export function canOfferEmbed(settings: {
  allowEmbed: boolean;
  privacy: Privacy;
  hasPassword: boolean;
  status: ShareStatus;
}): Decision<EmbedOfferRefusal> {
  if (!settings.allowEmbed) return refuse('not_allowed');
  if (settings.privacy === 'private') return refuse('private');
  if (settings.hasPassword) return refuse('password');
  if (settings.status !== 'live') return refuse('not_live');
  return ALLOWED;
}

export type ImageOfferRefusal = 'private' | 'password' | 'view_limited' | 'not_live';

/**
 * Whether the owner's share dialog offers the conversation image (`/s/:code/image.png`): only
 * where anyone who asks gets the real image, as the route draws it for an anonymous reader;
 * a locked link's image is the generic card, which is not worth offering.
 */
export function canOfferImage(settings: {
  privacy: Privacy;
  hasPassword: boolean;
  maxViews: number | null;
  status: ShareStatus;
}): Decision<ImageOfferRefusal> {
  if (settings.privacy === 'private') return refuse('private');
  if (settings.hasPassword) return refuse('password');
  if (settings.maxViews !== null) return refuse('view_limited');
  if (settings.status !== 'live') return refuse('not_live');
  return ALLOWED;
}

/**
 * Whether the owner lets readers save a copy of the link: their `allowCopy`, or when they
 * never chose, the default by privacy (on for public and unlisted links, which anyone with
 * the link may read anyway; off for private ones, whose owner picked each reader).
 */
export const ownerAllowsCopy = (share: { allowCopy: boolean | null; privacy: Privacy }): boolean =>
  share.allowCopy ?? share.privacy !== 'private';

export type CopyOfferRefusal = 'instance_disabled' | 'not_allowed' | 'view_limited';

/**
 * Whether the link offers "Save a copy" at all (the page's menu, the share dialog): the
 * instance allows copies, the owner does (`ownerAllowsCopy`), and the link has no view limit.
 * A view-limited link never does: its owner bounded how often the content is delivered, and
 * a copy would hand it out without spending a view, to be read any number of times after.
 */
export function canOfferCopy(
  share: Pick<ShareAccessState, 'privacy' | 'maxViews'> & { allowCopy: boolean | null },
  instance: { enableCopies: boolean },
): Decision<CopyOfferRefusal> {
  if (!instance.enableCopies) return refuse('instance_disabled');
  if (!ownerAllowsCopy(share)) return refuse('not_allowed');
  if (isViewLimited(share)) return refuse('view_limited');
  return ALLOWED;
}

export type CopyDecision =
  { allowed: true; isOwner: boolean } | { allowed: false; reason: DenialReason | CopyOfferRefusal | 'not_signed_in' };

/**
 * Whether `viewer` may save a copy of the link now. First the page's own decision
 * (`canView`), so a link the reader may not open answers exactly as its page would (an unknown,
 * revoked or hidden private link is the same not-found; a locked one needs its unlock cookie);
 * only a reader who may open it learns that copying is off (`canOfferCopy`); last, a copy
 * needs an account to go to.
 */
export function canCopy(
  share: ShareAccessState & { allowCopy: boolean | null },
  viewer: Viewer,
  now: Date,
  instance: { enableCopies: boolean },
): CopyDecision {
  const view = canView(share, viewer, now);
  if (!view.allowed) return view;
  const offer = canOfferCopy(share, instance);
  if (!offer.allowed) return offer;
  if (viewer.userId === null) return refuse('not_signed_in');
  return { allowed: true, isOwner: view.isOwner };
}
