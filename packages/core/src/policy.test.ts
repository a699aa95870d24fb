import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  authorize,
  canCopy,
  canEdit,
  canOfferCopy,
  canOfferEmbed,
  canOfferImage,
  canReport,
  canUsePrivacy,
  canView,
  isEmbeddable,
  isIndexable,
  isInstanceAdmin,
  isListed,
  isPubliclyCacheable,
  isTakenDown,
  isViewLimited,
  ownerAllowsCopy,
  sharePolicies,
  shareStatus,
  type ShareAccessState,
  type Viewer,
} from './policy.js';

const now = new Date('2026-06-01T12:00:00Z');
const earlier = new Date(now.getTime() - 1000);
const later = new Date(now.getTime() + 1000);
const share = (overrides: Partial<ShareAccessState> = {}): ShareAccessState => ({
  ownerId: 'owner',
  privacy: 'unlisted',
  hasPassword: false,
  passwordVersion: 0,
  allowedEmails: [],
  expiresAt: null,
  maxViews: null,
  viewCount: 0,
  revokedAt: null,
  takenDownAt: null,
  ...overrides,
});
const viewer = (overrides: Partial<Viewer> = {}): Viewer => ({ ...ANONYMOUS, ...overrides });
const owner = viewer({ userId: 'owner', email: 'o@example.com', emailVerified: true });
const invited = viewer({ userId: 'friend', email: 'Friend@Example.com', emailVerified: true });

const OPEN = { allowed: true, isOwner: false, reveal: 'none', viewsLeft: null };
const OWNS = { allowed: true, isOwner: true, reveal: 'none', viewsLeft: null };
const revealStep = (viewsLeft: number) => ({ allowed: true, isOwner: false, reveal: 'required', viewsLeft });

describe('canView', () => {
  it.each([
    ['an unlisted link to anyone', share(), viewer(), OPEN],
    ['a revoked link, even to its owner', share({ revokedAt: now }), owner, { allowed: false, reason: 'not_found' }],
    ['an expired link to its owner', share({ expiresAt: new Date(0) }), owner, OWNS],
    [
      'a private link to a stranger',
      share({ privacy: 'private' }),
      viewer({ userId: 'x' }),
      { allowed: false, reason: 'not_found' },
    ],
    [
      'a private link to an invited, verified email (any case)',
      share({ privacy: 'private', allowedEmails: ['friend@example.com'] }),
      invited,
      OPEN,
    ],
    [
      'a private link to an invited but unverified email',
      share({ privacy: 'private', allowedEmails: ['friend@example.com'] }),
      { ...invited, emailVerified: false },
      { allowed: false, reason: 'not_found' },
    ],
    ['a link at its expiry instant', share({ expiresAt: now }), viewer(), { allowed: false, reason: 'expired' }],
    ['a link one millisecond before expiry', share({ expiresAt: new Date(now.getTime() + 1) }), viewer(), OPEN],
    [
      'a link with all views used: used up, not expired',
      share({ maxViews: 3, viewCount: 3 }),
      viewer(),
      { allowed: false, reason: 'used_up' },
    ],
    ['a link with one view left: the reveal step', share({ maxViews: 3, viewCount: 2 }), viewer(), revealStep(1)],
    ['a burn-after-reading link, unopened', share({ maxViews: 1 }), viewer(), revealStep(1)],
    [
      'a burn-after-reading link to a signed-in stranger',
      share({ maxViews: 1 }),
      viewer({ userId: 'x' }),
      revealStep(1),
    ],
    [
      'a view-limited link to its owner: no step, no view used',
      share({ maxViews: 1 }),
      owner,
      { allowed: true, isOwner: true, reveal: 'none', viewsLeft: 1 },
    ],
    [
      'a used-up link to its owner',
      share({ maxViews: 1, viewCount: 1 }),
      owner,
      { allowed: true, isOwner: true, reveal: 'none', viewsLeft: 0 },
    ],
    [
      'a view-limited locked link: the password first',
      share({ maxViews: 2, hasPassword: true, passwordVersion: 1 }),
      viewer(),
      { allowed: false, reason: 'password_required' },
    ],
    [
      'a view-limited locked link once unlocked: then the reveal step',
      share({ maxViews: 2, viewCount: 1, hasPassword: true, passwordVersion: 1 }),
      viewer({ unlockedPasswordVersion: 1 }),
      revealStep(1),
    ],
    [
      'a used-up locked link: used up is told before the password',
      share({ maxViews: 1, viewCount: 1, hasPassword: true }),
      viewer(),
      { allowed: false, reason: 'used_up' },
    ],
    [
      'a view-limited private link to a stranger: hidden first',
      share({ privacy: 'private', maxViews: 1 }),
      viewer({ userId: 'x' }),
      { allowed: false, reason: 'not_found' },
    ],
    [
      'a view-limited private link to an invited email: the reveal step',
      share({ privacy: 'private', allowedEmails: ['friend@example.com'], maxViews: 1 }),
      invited,
      revealStep(1),
    ],
    [
      'an expired view-limited link: expired, not used up',
      share({ maxViews: 1, expiresAt: new Date(0) }),
      viewer(),
      { allowed: false, reason: 'expired' },
    ],
    [
      'a locked link without unlock',
      share({ hasPassword: true, passwordVersion: 2 }),
      viewer(),
      { allowed: false, reason: 'password_required' },
    ],
    [
      'a locked link unlocked for an old password',
      share({ hasPassword: true, passwordVersion: 2 }),
      viewer({ unlockedPasswordVersion: 1 }),
      { allowed: false, reason: 'password_required' },
    ],
    [
      'a locked link unlocked for this password',
      share({ hasPassword: true, passwordVersion: 2 }),
      viewer({ unlockedPasswordVersion: 2 }),
      OPEN,
    ],
    [
      'an expired locked link: expiry is told first',
      share({ hasPassword: true, expiresAt: new Date(0) }),
      viewer(),
      { allowed: false, reason: 'expired' },
    ],
    [
      'an expired private link to a stranger: hidden first',
      share({ privacy: 'private', expiresAt: new Date(0) }),
      viewer(),
      { allowed: false, reason: 'not_found' },
    ],
  ])('decides %s', (_name, state, who, decision) => {
    expect(canView(state, who, now)).toEqual(decision);
  });
});

describe('listing and indexing', () => {
  it('lists only live public links without a password', () => {
    expect(isListed(share({ privacy: 'public' }), now)).toBe(true);
    for (const state of [
      share(),
      share({ privacy: 'private' }),
      share({ privacy: 'public', hasPassword: true }),
      share({ privacy: 'public', revokedAt: now }),
      share({ privacy: 'public', expiresAt: now }),
      share({ privacy: 'public', maxViews: 1, viewCount: 1 }),
      // Views left, but a listing would show what the reveal step holds back.
      share({ privacy: 'public', maxViews: 10, viewCount: 0 }),
    ]) {
      expect(isListed(state, now)).toBe(false);
    }
  });

  it('indexes a public link only with allowIndexing', () => {
    expect(isIndexable({ ...share({ privacy: 'public' }), allowIndexing: true }, now)).toBe(true);
    expect(isIndexable({ ...share({ privacy: 'public' }), allowIndexing: false }, now)).toBe(false);
    expect(isIndexable({ ...share({ privacy: 'unlisted' }), allowIndexing: true }, now)).toBe(false);
    expect(isIndexable({ ...share({ privacy: 'public', maxViews: 100 }), allowIndexing: true }, now)).toBe(false);
  });
});

describe('isEmbeddable', () => {
  const embeddable = (overrides: Partial<ShareAccessState> = {}, allowEmbed = true) => ({
    ...share(overrides),
    allowEmbed,
  });
  it.each([
    ['an unlisted link', embeddable(), true],
    ['a public link', embeddable({ privacy: 'public' }), true],
    [
      'a link with a view limit not yet reached (a frame would use views)',
      embeddable({ maxViews: 5, viewCount: 4 }),
      false,
    ],
    ['a link whose owner turned embedding off', embeddable({}, false), false],
    ['a private link', embeddable({ privacy: 'private', allowedEmails: ['a@example.com'] }), false],
    ['a password link', embeddable({ hasPassword: true }), false],
    ['an expired link', embeddable({ expiresAt: new Date(0) }), false],
    ['a link out of views', embeddable({ maxViews: 5, viewCount: 5 }), false],
    ['a revoked link', embeddable({ revokedAt: now }), false],
  ])('%s: %s', (_name, state, expected) => {
    expect(isEmbeddable(state, now)).toBe(expected);
  });
});

describe('authorize', () => {
  it("allows owners everything on their live resources and nobody anything on another's", () => {
    for (const action of ['read', 'update', 'delete', 'share', 'revoke'] as const) {
      expect(authorize({ id: 'owner' }, action, { ownerId: 'owner' })).toBe(true);
      expect(authorize({ id: 'other' }, action, { ownerId: 'owner' })).toBe(false);
      expect(authorize(null, action, { ownerId: 'owner' })).toBe(false);
    }
  });

  it('lets the owner read a revoked share but not change it', () => {
    expect(sharePolicies({ id: 'owner' }, { ownerId: 'owner', revokedAt: now })).toEqual({
      read: true,
      update: false,
      revoke: false,
    });
  });
});

describe('a link taken down by an admin', () => {
  const takenDown = share({ takenDownAt: now, privacy: 'public' });

  it('tells its owner why, and answers everyone else as if it did not exist', () => {
    expect(canView(takenDown, viewer({ userId: 'owner' }), now)).toEqual({ allowed: false, reason: 'taken_down' });
    expect(canView(takenDown, ANONYMOUS, now)).toEqual({ allowed: false, reason: 'not_found' });
    expect(canView(takenDown, viewer({ userId: 'other' }), now)).toEqual({ allowed: false, reason: 'not_found' });
    expect(isListed(takenDown, now)).toBe(false);
  });

  it('lets its owner read and revoke it, not change it', () => {
    expect(sharePolicies({ id: 'owner' }, { ownerId: 'owner', revokedAt: null, takenDownAt: now })).toEqual({
      read: true,
      update: false,
      revoke: true,
    });
  });
});

describe('isInstanceAdmin', () => {
  const user = (id: string, email: string, emailVerified = true) => ({ id, email, emailVerified });

  it('without admin emails, is the first account and nobody else', () => {
    const admins = { adminEmails: [], firstAccountId: 'first' };
    expect(isInstanceAdmin(user('first', 'a@example.com', false), admins)).toBe(true);
    expect(isInstanceAdmin(user('second', 'b@example.com'), admins)).toBe(false);
    expect(isInstanceAdmin(null, admins)).toBe(false);
    expect(isInstanceAdmin(user('first', 'a@example.com'), { adminEmails: [], firstAccountId: null })).toBe(false);
  });

  it('with admin emails, is exactly the users who verified a listed email, first account or not', () => {
    const admins = { adminEmails: ['boss@example.com'], firstAccountId: 'first' };
    expect(isInstanceAdmin(user('second', 'Boss@Example.com'), admins)).toBe(true);
    expect(isInstanceAdmin(user('second', 'boss@example.com', false), admins)).toBe(false);
    expect(isInstanceAdmin(user('first', 'first@example.com'), admins)).toBe(false);
  });

  it('counts an account the operator made an admin, with admin emails or without', () => {
    const granted = { ...user('second', 'ops@example.com'), grantedAdmin: true };
    expect(isInstanceAdmin(granted, { adminEmails: [], firstAccountId: 'first' })).toBe(true);
    expect(isInstanceAdmin(granted, { adminEmails: ['boss@example.com'], firstAccountId: 'first' })).toBe(true);
    expect(isInstanceAdmin({ ...granted, grantedAdmin: false }, { adminEmails: [], firstAccountId: 'first' })).toBe(
      false,
    );
  });
});

describe('shareStatus', () => {
  it.each([
    ['a live link', share(), 'live'],
    ['a link expiring later', share({ expiresAt: later }), 'live'],
    ['a link with views left', share({ maxViews: 3, viewCount: 2 }), 'live'],
    ['a link past its date', share({ expiresAt: earlier }), 'expired'],
    ['a link expiring this very moment', share({ expiresAt: now }), 'expired'],
    ['a link with every view used', share({ maxViews: 3, viewCount: 3 }), 'expired'],
    ['a revoked link, whatever else', share({ revokedAt: earlier, expiresAt: earlier }), 'revoked'],
    ['a link taken down but not revoked', share({ takenDownAt: earlier }), 'live'],
  ])('%s is %s', (_, state, status) => {
    expect(shareStatus(state, now)).toBe(status);
  });
});

describe('isPubliclyCacheable', () => {
  it.each([
    ['an unlisted link', share(), { allowed: true }],
    ['a public link', share({ privacy: 'public' }), { allowed: true }],
    ['a private link', share({ privacy: 'private' }), { allowed: false, reason: 'private' }],
    ['a password link', share({ hasPassword: true }), { allowed: false, reason: 'password' }],
    ['a view-limited link', share({ maxViews: 5 }), { allowed: false, reason: 'view_limited' }],
    ['an expired link', share({ expiresAt: earlier }), { allowed: false, reason: 'not_viewable' }],
    ['a revoked link', share({ revokedAt: earlier }), { allowed: false, reason: 'not_viewable' }],
    ['a taken-down link', share({ takenDownAt: earlier }), { allowed: false, reason: 'not_viewable' }],
  ])('%s', (_, state, decision) => {
    expect(isPubliclyCacheable(state, now)).toEqual(decision);
  });
});

describe('canUsePrivacy', () => {
  it('allows every level with open sharing on', () => {
    for (const privacy of ['public', 'unlisted', 'private'] as const) {
      expect(canUsePrivacy(privacy, { enableOpenSharing: true })).toEqual({ allowed: true });
    }
  });

  it('allows only private links with open sharing off', () => {
    expect(canUsePrivacy('private', { enableOpenSharing: false })).toEqual({ allowed: true });
    for (const privacy of ['public', 'unlisted'] as const) {
      expect(canUsePrivacy(privacy, { enableOpenSharing: false })).toEqual({
        allowed: false,
        reason: 'open_sharing_disabled',
      });
    }
  });
});

describe('canEdit', () => {
  it.each([
    ['a live link', share(), { allowed: true }],
    ['a revoked link', share({ revokedAt: earlier }), { allowed: false, reason: 'revoked' }],
    ['a taken-down link', share({ takenDownAt: earlier }), { allowed: false, reason: 'taken_down' }],
    [
      'a taken-down link its owner revoked',
      share({ takenDownAt: earlier, revokedAt: now }),
      { allowed: false, reason: 'revoked' },
    ],
  ])('%s', (_, state, decision) => {
    expect(canEdit(state)).toEqual(decision);
  });

  it('tells a taken-down link apart, whether or not it was revoked since', () => {
    expect(isTakenDown(share({ takenDownAt: earlier }))).toBe(true);
    expect(isTakenDown(share({ takenDownAt: earlier, revokedAt: now }))).toBe(true);
    expect(isTakenDown(share())).toBe(false);
  });
});

describe('canReport', () => {
  it('lets a reader report a link, never its owner', () => {
    expect(canReport({ isOwner: false })).toEqual({ allowed: true });
    expect(canReport({ isOwner: true })).toEqual({ allowed: false, reason: 'own_share' });
  });
});

describe('isViewLimited', () => {
  it('is any link with a view limit, views left or not', () => {
    expect(isViewLimited(share())).toBe(false);
    expect(isViewLimited(share({ maxViews: 1 }))).toBe(true);
    expect(isViewLimited(share({ maxViews: 1, viewCount: 1 }))).toBe(true);
  });
});

describe('canOfferEmbed', () => {
  const settings = {
    allowEmbed: true,
    privacy: 'unlisted' as const,
    hasPassword: false,
    status: 'live' as const,
  };
  it.each([
    ['an embeddable live link', settings, { allowed: true }],
    ['a public one', { ...settings, privacy: 'public' as const }, { allowed: true }],
    ['embedding not allowed', { ...settings, allowEmbed: false }, { allowed: false, reason: 'not_allowed' }],
    ['a private link', { ...settings, privacy: 'private' as const }, { allowed: false, reason: 'private' }],
    ['a password link', { ...settings, hasPassword: true }, { allowed: false, reason: 'password' }],
    ['an expired link', { ...settings, status: 'expired' as const }, { allowed: false, reason: 'not_live' }],
    ['a revoked link', { ...settings, status: 'revoked' as const }, { allowed: false, reason: 'not_live' }],
  ])('%s', (_, state, decision) => {
    expect(canOfferEmbed(state)).toEqual(decision);
  });
});

describe('canOfferImage', () => {
  const settings = { privacy: 'unlisted' as const, hasPassword: false, maxViews: null, status: 'live' as const };
  it.each([
    ['an unlisted live link', settings, { allowed: true }],
    ['a public one', { ...settings, privacy: 'public' as const }, { allowed: true }],
    ['a private link', { ...settings, privacy: 'private' as const }, { allowed: false, reason: 'private' }],
    ['a password link', { ...settings, hasPassword: true }, { allowed: false, reason: 'password' }],
    ['a view-limited link', { ...settings, maxViews: 3 }, { allowed: false, reason: 'view_limited' }],
    ['an expired link', { ...settings, status: 'expired' as const }, { allowed: false, reason: 'not_live' }],
  ])('%s', (_, state, decision) => {
    expect(canOfferImage(state)).toEqual(decision);
  });
});

describe('ownerAllowsCopy', () => {
  it.each([
    ['public, never chosen', 'public', null, true],
    ['unlisted, never chosen', 'unlisted', null, true],
    ['private, never chosen', 'private', null, false],
    ['public, turned off', 'public', false, false],
    ['private, turned on', 'private', true, true],
  ] as const)('%s', (_, privacy, allowCopy, allowed) => {
    expect(ownerAllowsCopy({ privacy, allowCopy })).toBe(allowed);
  });
});

describe('canOfferCopy', () => {
  const on = { enableCopies: true };
  it.each([
    ['an unlisted link by default', { ...share(), allowCopy: null }, on, { allowed: true }],
    [
      'the instance switch off',
      { ...share(), allowCopy: true },
      { enableCopies: false },
      { allowed: false, reason: 'instance_disabled' },
    ],
    ['the owner turned it off', { ...share(), allowCopy: false }, on, { allowed: false, reason: 'not_allowed' }],
    [
      'a private link by default',
      { ...share({ privacy: 'private' }), allowCopy: null },
      on,
      { allowed: false, reason: 'not_allowed' },
    ],
    [
      'a view-limited link',
      { ...share({ maxViews: 5 }), allowCopy: true },
      on,
      { allowed: false, reason: 'view_limited' },
    ],
  ])('%s', (_, state, instance, decision) => {
    expect(canOfferCopy(state, instance)).toEqual(decision);
  });
});

describe('canCopy', () => {
  const on = { enableCopies: true };
  const reader = viewer({ userId: 'reader', email: 'r@example.com', emailVerified: true });
  const copyable = (overrides: Partial<ShareAccessState> = {}, allowCopy: boolean | null = null) => ({
    ...share(overrides),
    allowCopy,
  });
  it.each([
    ['a signed-in reader of an unlisted link', copyable(), reader, { allowed: true, isOwner: false }],
    ['the owner of their own link', copyable(), owner, { allowed: true, isOwner: true }],
    ['an anonymous reader: sign in first', copyable(), viewer(), { allowed: false, reason: 'not_signed_in' }],
    ['a revoked link', copyable({ revokedAt: earlier }), reader, { allowed: false, reason: 'not_found' }],
    ['a taken-down link', copyable({ takenDownAt: earlier }), reader, { allowed: false, reason: 'not_found' }],
    ['an expired link', copyable({ expiresAt: earlier }), reader, { allowed: false, reason: 'expired' }],
    ['a used-up link', copyable({ maxViews: 1, viewCount: 1 }), reader, { allowed: false, reason: 'used_up' }],
    [
      'a locked link without the unlock cookie',
      copyable({ hasPassword: true }),
      reader,
      { allowed: false, reason: 'password_required' },
    ],
    [
      'a locked link with the unlock cookie',
      copyable({ hasPassword: true, passwordVersion: 2 }),
      viewer({ ...reader, unlockedPasswordVersion: 2 }),
      { allowed: true, isOwner: false },
    ],
    // Not "copy not allowed": a private link must not reveal that it exists.
    [
      'a private link with copies on, to a stranger',
      copyable({ privacy: 'private' }, true),
      reader,
      { allowed: false, reason: 'not_found' },
    ],
    [
      'a private link with copies on, to an invited reader',
      copyable({ privacy: 'private', allowedEmails: ['r@example.com'] }, true),
      reader,
      { allowed: true, isOwner: false },
    ],
    [
      'a private link by default, to an invited reader',
      copyable({ privacy: 'private', allowedEmails: ['r@example.com'] }),
      reader,
      { allowed: false, reason: 'not_allowed' },
    ],
    ['copies turned off by the owner', copyable({}, false), reader, { allowed: false, reason: 'not_allowed' }],
    [
      'a view-limited link with views left',
      copyable({ maxViews: 3 }, true),
      reader,
      { allowed: false, reason: 'view_limited' },
    ],
    [
      "an expired link, copies off: the page's answer first",
      copyable({ expiresAt: earlier }, false),
      reader,
      { allowed: false, reason: 'expired' },
    ],
  ])('%s', (_, state, who, decision) => {
    expect(canCopy(state, who, now, on)).toEqual(decision);
  });

  it('refuses everyone when the instance turned copies off', () => {
    expect(canCopy(copyable({}, true), owner, now, { enableCopies: false })).toEqual({
      allowed: false,
      reason: 'instance_disabled',
    });
  });
});
