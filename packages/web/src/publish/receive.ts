/**
 * The receiving half of the handshake (the sending half is the kit's `publishToCommunity`):
 * tell the opener this page is ready, then take one conversation, only from the opener,
 * only from an allowed origin.
 */
import type { SecretWarning } from '@chatshare/core';
import { readPayload, type ReceivedConversation } from './payload.js';

/** Possible secrets the page found itself (Open WebUI sends unscanned), and the copy with them replaced. */
export interface Secrets {
  warnings: SecretWarning[];
  redacted: ReceivedConversation;
}

export const LOADED = 'chatshare:loaded';
export const PUBLISH = 'chatshare:publish';

export type Reception =
  /** Not for us: another window, another kind of message. Nothing changes. */
  | { kind: 'ignored' }
  /** The opener sent a conversation from an origin this instance does not accept. */
  | { kind: 'refused'; origin: string }
  /**
   * The opener sent something that is not a conversation we can show; `reason` (a key of
   * `publish.reason.*`) and `detail` (the importer's words) say what was wrong, when known.
   */
  | { kind: 'unreadable'; origin: string; reason?: string; detail?: string }
  | { kind: 'received'; origin: string; conversation: ReceivedConversation; secrets?: Secrets };

/** Decides what one message event means. Pure, so every rule is tested on its own. */
export function receive(
  event: Pick<MessageEvent, 'data' | 'origin' | 'source'>,
  context: { opener: unknown; allowedOrigins: readonly string[] },
): Reception {
  if (context.opener === null || context.opener === undefined || event.source !== context.opener) {
    return { kind: 'ignored' };
  }
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== PUBLISH) {
    return { kind: 'ignored' };
  }
  if (context.allowedOrigins.length > 0 && !context.allowedOrigins.includes(event.origin)) {
    return { kind: 'refused', origin: event.origin };
  }
  const conversation = readPayload(data);
  return conversation
    ? { kind: 'received', origin: event.origin, conversation }
    : { kind: 'unreadable', origin: event.origin };
}

/**
 * Listens for the conversation, then says "loaded" to the opener. The signal carries no data,
 * and the opener's origin is not known yet (any instance may send), so it goes to `'*'`: a
 * stranger who reads it learns only that this page is open. Returns the function that stops
 * listening.
 */
export function listenForConversation(
  allowedOrigins: readonly string[],
  onReception: (reception: Exclude<Reception, { kind: 'ignored' }>) => void,
): () => void {
  const opener: unknown = window.opener;
  const onMessage = (event: MessageEvent) => {
    const reception = receive(event, { opener, allowedOrigins });
    if (reception.kind !== 'ignored') onReception(reception);
  };
  window.addEventListener('message', onMessage);
  (opener as Window | null)?.postMessage({ type: LOADED }, '*');
  return () => window.removeEventListener('message', onMessage);
}
