/**
 * What the Share button does: first make chatshare hold every message of the chat (create, or
 * append what is new), then open the kit's ShareDialog on that conversation. A failed sync is
 * kept as a value for the thread to show; the dialog then stays closed.
 */
import type { ChatshareError, Share } from '@chatshare/client';
import { useCallback, useState } from 'react';
import type { Chat, ChatshareLink } from './chats';
import { chatshare } from './chatshare';
import { syncChat } from './sync';

export interface ShareFlow {
  syncing: boolean;
  /** The chatshare conversation the dialog is open on, or null while it is closed. */
  dialogFor: string | null;
  error: ChatshareError | null;
  share(): Promise<void>;
  close(): void;
  dismissError(): void;
  /** For the dialog's `onShareChange`: remembers the live link, so the chat list can mark it. */
  onShareChange(share: Share | null): void;
}

type SetLink = (chatId: string, change: (link: ChatshareLink | null) => ChatshareLink | null) => void;

export function useShareFlow(chat: Chat, setLink: SetLink): ShareFlow {
  const [syncing, setSyncing] = useState(false);
  const [dialogFor, setDialogFor] = useState<string | null>(null);
  const [error, setError] = useState<ChatshareError | null>(null);

  const share = useCallback(async () => {
    if (syncing) return;
    setSyncing(true);
    setError(null);
    const result = await syncChat(chatshare, chat);
    setSyncing(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    // A conversation made anew (the old one was deleted on chatshare) has no link yet.
    setLink(chat.id, (previous) =>
      previous?.conversationId === result.link.conversationId ? { ...previous, ...result.link } : result.link,
    );
    setDialogFor(result.link.conversationId);
  }, [chat, setLink, syncing]);

  const onShareChange = useCallback(
    (current: Share | null) => {
      const shareUrl = current && current.settings.status === 'live' ? current.shareUrl : null;
      setLink(chat.id, (link) => (link && link.shareUrl !== shareUrl ? { ...link, shareUrl } : link));
    },
    [chat.id, setLink],
  );

  return {
    syncing,
    dialogFor,
    error,
    share,
    close: useCallback(() => setDialogFor(null), []),
    dismissError: useCallback(() => setError(null), []),
    onShareChange,
  };
}
