/**
 * The community instance the share dialog offers to publish to: the one the app passed, or
 * the one the chatshare server names in `GET /api/v1/config` (asked once per client).
 * `null` while unknown, when the instance has community sharing off, or when asking failed.
 */
import type { ChatshareClient } from '@chatshare/client';
import { useEffect, useState } from 'react';
import { instanceConfigOf } from './instance-config.js';

/** `given` wins when it is not `undefined` (`null` switches the feature off without asking). */
export function useCommunityUrl(client: ChatshareClient, given: string | null | undefined): string | null {
  const [loaded, setLoaded] = useState<string | null>(null);
  useEffect(() => {
    if (given !== undefined) return;
    let current = true;
    void instanceConfigOf(client).then((config) => {
      const sharing = config?.communitySharing;
      if (current) setLoaded(sharing?.enabled ? sharing.url : null);
    });
    return () => {
      current = false;
    };
  }, [client, given]);
  return given !== undefined ? given : loaded;
}
