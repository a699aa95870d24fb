/**
 * What the owner sees of their own conversations: the whole tree with every branch and the
 * hidden context, but never the owner id or the import fingerprint.
 */
import type { ConversationRecord, ConversationSummary } from '../repositories/conversations.js';
import type { ChangedConversation } from '../services/conversations.js';
import type { LiveFollow } from '../services/shares.js';

export const presentConversation = (conversation: ConversationRecord) => ({
  id: conversation.id,
  title: conversation.title,
  messages: conversation.messages,
  currentLeafId: conversation.currentLeafId,
  models: [...conversation.models],
  ...(conversation.context !== undefined ? { context: conversation.context } : {}),
  source: {
    format: conversation.source.format,
    importedAt: conversation.source.importedAt,
    ...(conversation.source.id !== undefined ? { id: conversation.source.id } : {}),
  },
  messageCount: conversation.messageCount,
  branchCount: conversation.branchCount,
  // Only on a reader's copy of someone's link: which link (as it was then) and when, for "Copied from".
  ...(conversation.copiedFrom
    ? {
        copiedFrom: {
          shareUrl: conversation.copiedFrom.url,
          shortCode: conversation.copiedFrom.code,
          copiedAt: conversation.copiedFrom.at,
        },
      }
    : {}),
  createdAt: conversation.createdAt,
  updatedAt: conversation.updatedAt,
});

/** The answer to a change: the conversation, and what its live link took in of the change. */
export const presentChangedConversation = ({ conversation, liveLink }: ChangedConversation) => ({
  ...presentConversation(conversation),
  ...(liveLink ? { liveLink: presentLiveLink(liveLink) } : {}),
});

const presentLiveLink = (live: LiveFollow) => ({
  shareId: live.shareId,
  status: live.status,
  ...(live.reason ? { reason: live.reason } : {}),
  warnings: live.warnings.map(({ kind, label, preview, location, redacted }) => ({
    kind,
    label,
    preview,
    location,
    redacted,
  })),
});

/** One row of the owner's conversation list. */
export const presentConversationSummary = (summary: ConversationSummary) => ({
  id: summary.id,
  title: summary.title,
  messageCount: summary.messageCount,
  branchCount: summary.branchCount,
  sourceFormat: summary.sourceFormat,
  createdAt: summary.createdAt,
  updatedAt: summary.updatedAt,
});
