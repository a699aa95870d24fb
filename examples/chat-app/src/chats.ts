/**
 * The app's own chat model, kept in localStorage. It is deliberately simpler than chatshare's
 * (a flat list of text messages); src/sync.ts maps it onto chatshare's model when sharing.
 */

export type ChatRole = 'user' | 'assistant';

export interface ChatMessage {
  id: string;
  role: ChatRole;
  /** Markdown. */
  text: string;
  createdAt: string;
}

/** Where this chat lives on chatshare, once it was sent there. */
export interface ChatshareLink {
  /** The chatshare conversation id (`client.conversations.create(...).id`). */
  conversationId: string;
  /** How many of `messages` chatshare has; the rest are appended before the next share. */
  syncedCount: number;
  /** The live share link, or null when the chat is not shared (as the dialog last reported). */
  shareUrl: string | null;
}

export interface Chat {
  id: string;
  title: string;
  messages: ChatMessage[];
  createdAt: string;
  chatshare: ChatshareLink | null;
}

export const UNTITLED = 'New chat';
const TITLE_LENGTH = 60;

/**
 * A random id. Not `crypto.randomUUID()`: that exists only in secure contexts, and this app
 * may be opened over plain http on a LAN address.
 */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function newChat(now = new Date()): Chat {
  return { id: newId(), title: UNTITLED, messages: [], createdAt: now.toISOString(), chatshare: null };
}

export function newMessage(role: ChatRole, text: string, now = new Date()): ChatMessage {
  return { id: newId(), role, text, createdAt: now.toISOString() };
}

/** The first words of the first message, on one line, without markdown's ** and ` marks. */
export function titleFrom(text: string): string {
  const line = text
    .replace(/\*\*|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (line === '') return UNTITLED;
  return line.length <= TITLE_LENGTH ? line : `${line.slice(0, TITLE_LENGTH - 1).trimEnd()}…`;
}

/** The chat with `message` added; the first user message names the chat. */
export function withMessage(chat: Chat, message: ChatMessage): Chat {
  const title = chat.messages.length === 0 && message.role === 'user' ? titleFrom(message.text) : chat.title;
  return { ...chat, title, messages: [...chat.messages, message] };
}

/** Messages chatshare does not have yet. */
export function unsyncedMessages(chat: Chat): ChatMessage[] {
  return chat.messages.slice(chat.chatshare?.syncedCount ?? 0);
}
