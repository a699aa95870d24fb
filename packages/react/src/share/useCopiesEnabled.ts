/**
 * Whether the chatshare instance lets readers save copies of links (`GET /api/v1/config`
 * `copies`, asked once per client), so the dialog offers the owner's switch only where it
 * means something. True until known and when asking failed: the server has the last word.
 */
import type { ChatshareClient } from '@chatshare/client';
import { useEffect, useState } from 'react';
import { instanceConfigOf } from './instance-config.js';

export function useCopiesEnabled(client: ChatshareClient): boolean {
  const [known, setKnown] = useState<{ client: ChatshareClient; enabled: boolean } | null>(null);
  useEffect(() => {
    let current = true;
    void instanceConfigOf(client).then((config) => {
      if (current) setKnown({ client, enabled: config?.copies !== false });
    });
    return () => {
      current = false;
    };
  }, [client]);
  return known?.client === client ? known.enabled : true;
}
