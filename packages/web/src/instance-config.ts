/**
 * This instance's public settings (`GET /api/v1/config`), asked once per page load: the share
 * dialog needs the community URL, the /publish page the senders it accepts.
 */
import type { InstanceConfig } from '@chatshare/client';
import { useEffect, useState } from 'react';
import { attempt, client, type Outcome } from './api.js';

let asked: Promise<Outcome<InstanceConfig>> | null = null;

export function loadInstanceConfig(): Promise<Outcome<InstanceConfig>> {
  asked ??= attempt(() => client.config()).then((outcome) => {
    // A failure is not kept: the next page that needs the settings asks again.
    if (!outcome.ok) asked = null;
    return outcome;
  });
  return asked;
}

/** `undefined` while loading; `null` when the settings could not be read. */
export function useInstanceConfig(): InstanceConfig | null | undefined {
  const [config, setConfig] = useState<InstanceConfig | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void loadInstanceConfig().then((outcome) => {
      if (current) setConfig(outcome.ok ? outcome.value : null);
    });
    return () => {
      current = false;
    };
  }, []);
  return config;
}
