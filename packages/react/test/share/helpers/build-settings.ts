import type { ShareSettings } from '@chatshare/client';

/** Share settings as the API presents them for a fresh unlisted link; tests override what they need. */
export const buildShareSettings = (changes: Partial<ShareSettings> = {}): ShareSettings => ({
  id: 'share-1',
  conversationId: 'conversation-1',
  title: 'A chat',
  privacy: 'unlisted',
  hasPassword: false,
  expiresAt: null,
  maxViews: null,
  allowedEmails: [],
  allowIndexing: false,
  allowEmbed: true,
  showAuthor: false,
  redact: false,
  selection: { leafMessageId: 'message-2', start: 0, end: null },
  viewCount: 0,
  lastViewedAt: null,
  messageCount: 2,
  snapshotAt: '2026-01-01T00:00:00.000Z',
  snapshotVersion: 1,
  status: 'live',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  revokedAt: null,
  takenDown: null,
  ...changes,
});
