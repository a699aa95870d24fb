/**
 * Sending a message: add it to the chat, ask the stand-in assistant, add its reply. `replying`
 * names the chat waiting for an answer, so the UI can say so and hold the next message.
 */
import { useCallback, useState } from 'react';
import { reply } from './assistant';
import { newMessage, type Chat, type ChatMessage } from './chats';

export interface Assistant {
  replying: string | null;
  send(chat: Chat, text: string): Promise<void>;
}

export function useAssistant(addMessage: (chatId: string, message: ChatMessage) => void): Assistant {
  const [replying, setReplying] = useState<string | null>(null);
  const send = useCallback(
    async (chat: Chat, text: string) => {
      const message = newMessage('user', text);
      addMessage(chat.id, message);
      setReplying(chat.id);
      try {
        addMessage(chat.id, newMessage('assistant', await reply([...chat.messages, message])));
      } finally {
        setReplying(null);
      }
    },
    [addMessage],
  );
  return { replying, send };
}
