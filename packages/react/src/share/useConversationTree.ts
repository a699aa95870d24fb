/**
 * The conversation's messages for "What to share": the ones the app passed, or loaded once
 * with the owner's client. `null` while loading or when they could not be read; the dialog then
 * shares the branch it was given (or the current one), whole, as before.
 */
import { safe, type ChatshareClient } from '@chatshare/client';
import { useEffect, useState } from 'react';
import type { ConversationTree } from './selection.js';

export function useConversationTree(
  client: ChatshareClient,
  conversationId: string,
  given: ConversationTree | undefined,
): ConversationTree | null {
  const [loaded, setLoaded] = useState<{ id: string; tree: ConversationTree } | null>(null);
  useEffect(() => {
    if (given) return;
    let current = true;
    void safe(client.conversations.get(conversationId)).then((result) => {
      if (current && result.ok) setLoaded({ id: conversationId, tree: result.value });
    });
    return () => {
      current = false;
    };
  }, [client, conversationId, given]);
  return given ?? (loaded?.id === conversationId ? loaded.tree : null);
}
