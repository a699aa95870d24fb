/**
 * The sending half of community publishing: open the community's /publish page in a new tab,
 * wait for that page to say it is ready, and only then hand it the conversation, addressed to
 * the community's exact origin. A tab that ends up anywhere else (a redirect, a hijacked DNS
 * name, a page that navigated away) gets nothing.
 *
 * Kept free of imports (React, the SDK) so any page can use it, and so it can be tested in a
 * real browser on its own.
 */

/** The ready signal the /publish page posts to its opener. It carries no data. */
export const COMMUNITY_LOADED = 'chatshare:loaded';
/** The message that carries the conversation to the /publish page. */
export const COMMUNITY_PUBLISH = 'chatshare:publish';

export interface CommunityPayload {
  /** The presented snapshot (`GET /api/v1/conversations/:id/snapshot`). */
  conversation: unknown;
  models: string[];
}

export type CommunityFailure =
  /** The browser refused to open the tab. */
  | 'popup_blocked'
  /** The tab was closed before it said it was ready. */
  | 'closed'
  /** Nothing answered in time. */
  | 'timeout'
  /** The tab answered, but from another origin than the community's (see `origins`). */
  | 'wrong_origin'
  /** The caller's AbortSignal fired. */
  | 'aborted';

export type CommunityOutcome =
  | { ok: true; origin: string }
  | { ok: false; reason: CommunityFailure; /** Origins whose ready signals were ignored. */ origins: string[] };

/** The parts of a message event the handshake reads. */
export type HandshakeEvent = Pick<MessageEvent, 'data' | 'origin' | 'source'>;

/** The window that opens the tab and hears from it (the page's own `window` by default). */
export interface HandshakeHost {
  open(url: string, target: string): Pick<Window, 'postMessage' | 'closed'> | null;
  addEventListener(type: 'message', listener: (event: HandshakeEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: HandshakeEvent) => void): void;
}

export interface PublishToCommunityOptions {
  /** The community instance, e.g. `https://community.example.com` (a path prefix is kept). */
  communityUrl: string;
  payload: CommunityPayload;
  /** How long to wait for the page's ready signal; default one minute. */
  timeoutMs?: number;
  signal?: AbortSignal;
  host?: HandshakeHost;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const CLOSED_POLL_MS = 400;

/** The only origin the conversation is ever posted to. */
export const communityOrigin = (communityUrl: string): string => new URL(communityUrl).origin;

/** Where the community's publish page is. */
export const communityPublishUrl = (communityUrl: string): string => `${communityUrl.replace(/\/+$/, '')}/publish`;

const isLoadedSignal = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && (data as { type?: unknown }).type === COMMUNITY_LOADED;

/**
 * Opens the community's /publish page and sends it `payload` once it is ready. Call it inside
 * the click handler (browsers allow new tabs only there); it never throws.
 *
 * @example
 * const outcome = await publishToCommunity({ communityUrl, payload: { conversation: snapshot, models } });
 * if (!outcome.ok) show(outcome.reason);
 */
export function publishToCommunity(options: PublishToCommunityOptions): Promise<CommunityOutcome> {
  const host = options.host ?? (window as unknown as HandshakeHost);
  let origin: string;
  try {
    origin = communityOrigin(options.communityUrl);
  } catch {
    return Promise.resolve({ ok: false, reason: 'wrong_origin', origins: [] });
  }
  if (options.signal?.aborted) return Promise.resolve({ ok: false, reason: 'aborted', origins: [] });
  // No `noopener`: the page answers through `window.opener`, and we need its window to post to.
  const opened = host.open(communityPublishUrl(options.communityUrl), '_blank');
  if (!opened) return Promise.resolve({ ok: false, reason: 'popup_blocked', origins: [] });

  return new Promise((resolve) => {
    const ignored = new Set<string>();
    const failure = (reason: CommunityFailure): CommunityOutcome => ({
      ok: false,
      // A tab that answered from elsewhere is the more useful thing to tell than a timeout.
      reason: ignored.size > 0 && (reason === 'timeout' || reason === 'closed') ? 'wrong_origin' : reason,
      origins: [...ignored],
    });
    const finish = (outcome: CommunityOutcome) => {
      host.removeEventListener('message', onMessage);
      clearTimeout(timeout);
      clearInterval(closedPoll);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onMessage = (event: HandshakeEvent) => {
      // Only the tab we opened, only its ready signal, and only from the community's origin.
      if (event.source !== opened || !isLoadedSignal(event.data)) return;
      if (event.origin !== origin) {
        ignored.add(event.origin);
        return;
      }
      const { conversation, models } = options.payload;
      opened.postMessage({ type: COMMUNITY_PUBLISH, conversation, models }, origin);
      finish({ ok: true, origin });
    };
    const onAbort = () => finish(failure('aborted'));
    host.addEventListener('message', onMessage);
    options.signal?.addEventListener('abort', onAbort);
    const timeout = setTimeout(() => finish(failure('timeout')), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const closedPoll = setInterval(() => {
      if (opened.closed) finish(failure('closed'));
    }, CLOSED_POLL_MS);
  });
}
