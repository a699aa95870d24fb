/**
 * The chats, the open one, and the changes the UI makes to them. Every change is saved to
 * localStorage, so a reload keeps the chats and what was already sent to chatshare.
 */
import { useCallback, useEffect, useState } from 'react';
import { newChat, withMessage, type Chat, type ChatMessage, type ChatshareLink } from './chats';
import { loadChats, saveChats, type ChatState } from './storage';

export interface Chats {
  chats: Chat[];
  active: Chat;
  /** Opens an empty chat (the open one, if it is still empty). */
  startChat(): void;
  select(id: string): void;
  addMessage(chatId: string, message: ChatMessage): void;
  /** Records where the chat lives on chatshare (after a sync, or when its link changed). */
  setLink(chatId: string, change: (link: ChatshareLink | null) => ChatshareLink | null): void;
}

export function useChats(): Chats {
  const [state, setState] = useState<ChatState>(loadChats);
  useEffect(() => {
    saveChats(state);
  }, [state]);

  const update = useCallback((chatId: string, change: (chat: Chat) => Chat) => {
    setState((previous) => ({
      ...previous,
      chats: previous.chats.map((chat) => (chat.id === chatId ? change(chat) : chat)),
    }));
  }, []);

  const startChat = useCallback(() => {
    setState((previous) => {
      const open = previous.chats.find((chat) => chat.id === previous.activeId);
      if (open && open.messages.length === 0) return previous;
      const chat = newChat();
      return { chats: [chat, ...previous.chats], activeId: chat.id };
    });
  }, []);

  const select = useCallback((id: string) => setState((previous) => ({ ...previous, activeId: id })), []);

  const addMessage = useCallback(
    (chatId: string, message: ChatMessage) => update(chatId, (chat) => withMessage(chat, message)),
    [update],
  );

  const setLink = useCallback(
    (chatId: string, change: (link: ChatshareLink | null) => ChatshareLink | null) =>
      update(chatId, (chat) => ({ ...chat, chatshare: change(chat.chatshare) })),
    [update],
  );

  const active = state.chats.find((chat) => chat.id === state.activeId) ?? state.chats[0]!;
  return { chats: state.chats, active, startChat, select, addMessage, setLink };
}
