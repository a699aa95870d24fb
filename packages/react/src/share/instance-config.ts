/**
 * What the chatshare instance allows, from `GET /api/v1/config` (asked once per client and
 * shared by the dialog's parts), and the privacy levels that follow from it. The privacy list
 * is what drives the dialog's radio group, so a future instance switch only changes
 * `allowedPrivacyLevels`.
 */
import { safe, type ChatshareClient, type InstanceConfig, type SharePrivacy } from '@chatshare/client';
import { PRIVACY_LEVELS } from './form.js';

const asked = new WeakMap<ChatshareClient, Promise<InstanceConfig | null>>();

/** The instance's settings, or `null` when they could not be read (a failure is not remembered). */
export function instanceConfigOf(client: ChatshareClient): Promise<InstanceConfig | null> {
  let pending = asked.get(client);
  if (!pending) {
    pending = safe(() => client.config()).then((result) => {
      if (!result.ok) asked.delete(client);
      return result.ok ? result.value : null;
    });
    asked.set(client, pending);
  }
  return pending;
}

/**
 * The privacy levels the server accepts for a link, in the dialog's order. Without open
 * sharing (`ENABLE_OPEN_SHARING=false`) only private links. Settings that could not be read
 * offer every level; the server still has the last word.
 *
 * @example allowedPrivacyLevels({ openSharing: false }) // ['private']
 */
export function allowedPrivacyLevels(config: Pick<InstanceConfig, 'openSharing'> | null): SharePrivacy[] {
  if (config && !config.openSharing) return ['private'];
  return [...PRIVACY_LEVELS];
}
