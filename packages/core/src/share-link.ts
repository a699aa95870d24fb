/** Where a share lives, and what a new share starts as: written once for the server, the SDK and the kit. */
import type { Privacy } from './policy.js';

/**
 * The path of a share's page. `code` goes in as given: encode it first where it comes from a request.
 * @example sharePath('Ab3x') // '/s/Ab3x'; `${sharePath(code)}/report` for a sub-page
 */
export const sharePath = (code: string): string => `/s/${code}`;

/** The absolute link to a share on the instance at `publicUrl` (no trailing slash). */
export const shareUrl = (publicUrl: string, code: string): string => `${publicUrl}${sharePath(code)}`;

/** The settings a new share gets where the owner chose none. */
export const SHARE_DEFAULTS: {
  readonly privacy: Privacy;
  readonly allowIndexing: boolean;
  readonly allowEmbed: boolean;
  readonly showAuthor: boolean;
} = {
  privacy: 'unlisted',
  allowIndexing: false,
  allowEmbed: true,
  showAuthor: false,
};
