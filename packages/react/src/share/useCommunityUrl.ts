/**
 * The community instance the share dialog offers to publish to: the one the app passed, or
 * the one the chatshare server names in `GET /api/v1/config` (asked once per client).
 * `null` while unknown, when the instance has community sharing off, or when asking failed.
 */
import { safe, type ChatshareClient } from '@chatshare/client';
import { useEffect, useState } from 'react';

const asked = new WeakMap<ChatshareClient, Promise<string | null>>();

function communityUrlOf(client: ChatshareClient): Promise<string | null> {
  let pending = asked.get(client);
  if (!pending) {
    pending = safe(() => client.config()).then((result) => {
      // A failure is not remembered: the next dialog asks again.
      if (!result.ok) asked.delete(client);
      const sharing = result.ok ? result.value.communitySharing : null;
      return sharing?.enabled ? sharing.url : null;
    });
    asked.set(client, pending);
  }
  return pending;
}

/** `given` wins when it is not `undefined` (`null` switches the feature off without asking). */
export function useCommunityUrl(client: ChatshareClient, given: string | null | undefined): string | null {
  const [loaded, setLoaded] = useState<string | null>(null);
  useEffect(() => {
    if (given !== undefined) return;
    let current = true;
    void communityUrlOf(client).then((url) => {
      if (current) setLoaded(url);
    });
    return () => {
      current = false;
    };
  }, [client, given]);
  return given !== undefined ? given : loaded;
}
