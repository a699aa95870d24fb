/**
 * Sends a local chat to chatshare before it is shared: the first time as a new conversation,
 * later only the messages added since, so "Update link" in the dialog snapshots the latest.
 * Failures are values (`{ ok: false, error }`) for the UI to show; nothing throws.
 */
import { safe, type ChatshareClient, type ChatshareError, type NewMessage } from '@chatshare/client';
import type { ConversationInput } from '@chatshare/core';
import { unsyncedMessages, type Chat, type ChatMessage, type ChatshareLink } from './chats';
import { STAND_IN_MODEL } from './assistant';

export type SyncResult = { ok: true; link: ChatshareLink } | { ok: false; error: ChatshareError };

function toNewMessage(message: ChatMessage): NewMessage {
  return {
    // Our ids travel along: appending a message chatshare already has is then a 409, not a duplicate.
    id: message.id,
    role: message.role,
    parts: [{ type: 'text', text: message.text }],
    createdAt: message.createdAt,
    ...(message.role === 'assistant' ? { model: STAND_IN_MODEL } : {}),
  };
}

/** The chat in chatshare's own model: one branch, each message replying to the one before. */
export function toConversationInput(chat: Chat): ConversationInput {
  return {
    title: chat.title,
    models: [STAND_IN_MODEL],
    messages: chat.messages.map((message, index) => ({
      ...toNewMessage(message),
      id: message.id,
      parentId: index === 0 ? null : chat.messages[index - 1]!.id,
    })),
    currentLeafId: chat.messages.at(-1)?.id ?? null,
  };
}

async function create(client: ChatshareClient, chat: Chat): Promise<SyncResult> {
  const created = await safe(client.conversations.create(toConversationInput(chat), { format: 'chatshare' }));
  if (!created.ok) return created;
  return { ok: true, link: { conversationId: created.value.id, syncedCount: chat.messages.length, shareUrl: null } };
}

/** Appends what chatshare lacks, judged by message id (after a lost answer our count is behind). */
async function reconcile(client: ChatshareClient, chat: Chat, link: ChatshareLink): Promise<SyncResult> {
  const remote = await safe(client.conversations.get(link.conversationId));
  if (!remote.ok) return remote;
  const known = new Set(remote.value.messages.map((message) => message.id));
  const missing = chat.messages.filter((message) => !known.has(message.id));
  if (missing.length > 0) {
    const appended = await safe(client.conversations.appendMessages(link.conversationId, missing.map(toNewMessage)));
    if (!appended.ok) return appended;
  }
  return { ok: true, link: { ...link, syncedCount: chat.messages.length } };
}

/**
 * Makes chatshare hold every message of `chat`; resolves to where it lives there.
 *
 * @example
 * const result = await syncChat(chatshare, chat);
 * if (result.ok) openShareDialog(result.link.conversationId);
 */
export async function syncChat(client: ChatshareClient, chat: Chat): Promise<SyncResult> {
  const link = chat.chatshare;
  if (!link) return create(client, chat);
  const fresh = unsyncedMessages(chat);
  if (fresh.length === 0) return { ok: true, link };
  const appended = await safe(client.conversations.appendMessages(link.conversationId, fresh.map(toNewMessage)));
  if (appended.ok) return { ok: true, link: { ...link, syncedCount: chat.messages.length } };
  // Deleted on chatshare (in its owner app, say): send the whole chat again as a new conversation.
  if (appended.error.code === 'conversation_not_found') return create(client, chat);
  // Some of these messages are already there: an earlier append landed but its answer was lost.
  if (appended.error.code === 'conflict') return reconcile(client, chat, link);
  return appended;
}
