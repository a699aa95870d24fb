import { describe, expect, it } from 'vitest';
import {
  canEdit,
  canOfferEmbed,
  canReport,
  canUsePrivacy,
  isPubliclyCacheable,
  isTakenDown,
  isViewLimited,
  shareStatus,
  type ShareAccessState,
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
