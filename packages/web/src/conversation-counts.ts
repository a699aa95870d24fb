/**
 * "12 messages" or "12 messages · 3 branches": one wording for a conversation's size wherever
 * the app shows it. The count is the shown branch without system messages (the server's
 * `messageCount`), so it matches the conversation's page and its links.
 */
import type { T } from './i18n/index.js';

export function countsText(t: T, counts: { messageCount: number; branchCount: number }): string {
  const messages = t('conversations.messages', { count: counts.messageCount });
  return counts.branchCount > 1
    ? `${messages} · ${t('conversations.branches', { count: counts.branchCount })}`
    : messages;
}
