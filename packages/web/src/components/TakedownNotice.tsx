/**
 * On a conversation's page, the reason an admin took its link down, if one did: the owner
 * learns it here and on the links page, not from a stranger's "not found".
 */
import type { ShareTakedown } from '@chatshare/client';
import { useEffect, useState } from 'react';
import { attempt, client } from '../api.js';
import { useI18n } from '../i18n/index.js';

export function TakedownNotice({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const [takedown, setTakedown] = useState<ShareTakedown | null>(null);
  useEffect(() => {
    let current = true;
    // "Not shared" is the usual answer and not worth showing; only a takedown is.
    void attempt(() => client.shares.forConversation(conversationId)).then((result) => {
      if (current) setTakedown(result.ok ? result.value.settings.takenDown : null);
    });
    return () => {
      current = false;
    };
  }, [conversationId]);
  if (!takedown) return null;
  return (
    <p className="app-error" role="status">
      {t('links.takenDown', { reason: takedown.reason })}
    </p>
  );
}
