/**
 * Chats persist in localStorage under one versioned key. What is read back is checked, so a
 * hand-edited or older entry starts the app afresh instead of crashing it.
 */
import { newChat, type Chat, type ChatMessage, type ChatshareLink } from './chats';

const KEY = 'chatshare-example:chats:v1';

export interface ChatState {
  chats: Chat[];
  activeId: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function isMessage(value: unknown): value is ChatMessage {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    (value.role === 'user' || value.role === 'assistant') &&
    typeof value.text === 'string' &&
    typeof value.createdAt === 'string'
  );
}

function isLink(value: unknown): value is ChatshareLink {
  return (
    isObject(value) &&
    typeof value.conversationId === 'string' &&
    Number.isInteger(value.syncedCount) &&
    (value.shareUrl === null || typeof value.shareUrl === 'string')
  );
}

function isChat(value: unknown): value is Chat {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.title === 'string' &&
    typeof value.createdAt === 'string' &&
    Array.isArray(value.messages) &&
    value.messages.every(isMessage) &&
    (value.chatshare === null || isLink(value.chatshare))
  );
}

export function initialState(): ChatState {
  const chat = newChat();
  return { chats: [chat], activeId: chat.id };
}

export function loadChats(storage: Storage = localStorage): ChatState {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? 'null');
    if (!isObject(parsed) || !Array.isArray(parsed.chats) || typeof parsed.activeId !== 'string') {
      return initialState();
    }
    const chats = parsed.chats.filter(isChat);
    if (chats.length === 0) return initialState();
    const activeId = chats.some((chat) => chat.id === parsed.activeId) ? parsed.activeId : chats[0]!.id;
    return { chats, activeId };
  } catch {
    // Unreadable JSON, or storage disabled by the browser: start with an empty chat.
    return initialState();
  }
}

export function saveChats(state: ChatState, storage: Storage = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(state));
  } catch {
    // Full or disabled storage: the chats still work for this visit.
  }
}
