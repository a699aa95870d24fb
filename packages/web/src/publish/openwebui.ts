/**
 * Open WebUI's side of community publishing, as its share modal speaks it: it opens
 * `<hub>/chats/upload`, waits for the message `'loaded'` from the hub's origin, then posts the
 * string `JSON.stringify({ chat, models })` with target origin `'*'`. This page answers that
 * protocol: `chat` is read with core's Open WebUI importer (the one uploads use), its shown
 * branch presented as a link would show it, and the result handed to the same form as
 * /publish. The string is hostile input like any other message.
 */
import { LIMITS, openwebuiImporter, presentSnapshot, scanSnapshot } from '@chatshare/core';
import { readPayload, type ReceivedConversation } from './payload.js';
import type { Reception, Secrets } from './receive.js';

/** What Open WebUI waits for; it carries nothing else. */
export const OPENWEBUI_LOADED = 'loaded';

/** The path Open WebUI opens on a community hub. */
export const OPENWEBUI_UPLOAD_PATH = '/chats/upload';

/** The largest string read: the API's body limit, since the conversation is sent there on Publish. */
const MAX_PAYLOAD = LIMITS.bodyBytes;

/** Why a payload was refused: a key of the page's strings (`publish.reason.*`). */
export type RefusalReason = 'too_large' | 'not_json' | 'no_chat' | 'not_openwebui' | 'unreadable' | 'no_messages';

export type OpenWebuiPayload =
  | { ok: true; conversation: ReceivedConversation; secrets: Secrets }
  /** `detail`: the importer's own words (where in the chat, what), as import reports give them. */
  | { ok: false; reason: RefusalReason; detail?: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The names of Open WebUI's model list (objects with `id`, `name` and much else, such as
 * system prompts and parameters, which stay out), as shown on the page and stored.
 */
export function readModels(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names = value.flatMap((model): string[] => {
    if (typeof model === 'string') return [model];
    if (!isObject(model)) return [];
    const name = typeof model.name === 'string' && model.name.trim() ? model.name : model.id;
    return typeof name === 'string' && name.trim() ? [name.trim().slice(0, LIMITS.modelNameLength)] : [];
  });
  return [...new Set(names)].slice(0, LIMITS.modelsPerConversation);
}

/** Reads the posted string into a conversation to show, or says why it cannot be one. */
export function readOpenWebuiPayload(data: string, now: Date): OpenWebuiPayload {
  if (data.length > MAX_PAYLOAD) return { ok: false, reason: 'too_large' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return { ok: false, reason: 'not_json' };
  }
  if (!isObject(parsed) || !Object.hasOwn(parsed, 'chat') || !isObject(parsed.chat)) {
    return { ok: false, reason: 'no_chat' };
  }
  if (!openwebuiImporter.detect(parsed.chat)) return { ok: false, reason: 'not_openwebui' };
  let draft;
  try {
    // The importer itself, not core's dispatcher: that one checks drafts with compiled
    // schemas, which need eval, which this page's CSP forbids. The server checks on Publish.
    [draft] = openwebuiImporter.read(parsed.chat, { now }).conversations;
  } catch (error) {
    return { ok: false, reason: 'unreadable', ...(error instanceof Error ? { detail: error.message } : {}) };
  }
  if (!draft) return { ok: false, reason: 'unreadable' };
  // The branch on screen in Open WebUI, as a link shows it: no system messages, positional ids.
  // Author names are kept here; the form leaves them out unless the person shows their name.
  const incoming = { id: 'incoming', ...draft };
  const snapshot = presentSnapshot(incoming, { showAuthor: true, redact: false });
  const listed = Object.hasOwn(parsed, 'models') ? readModels(parsed.models) : [];
  const models = listed.length > 0 ? listed : snapshot.models;
  const conversation = readPayload({ conversation: snapshot, models });
  // Open WebUI scans nothing before it sends: the scan a share dialog makes happens here.
  const redacted = readPayload({ conversation: presentSnapshot(incoming, { showAuthor: true, redact: true }), models });
  if (!conversation || !redacted) return { ok: false, reason: 'no_messages' };
  return { ok: true, conversation, secrets: { warnings: scanSnapshot(snapshot), redacted } };
}

/**
 * Decides what one message event means on /chats/upload. Only the opener counts, and only a
 * string (Open WebUI's whole payload is one); pure, so every rule is tested on its own.
 */
export function receiveOpenWebui(
  event: Pick<MessageEvent, 'data' | 'origin' | 'source'>,
  context: { opener: unknown; allowedOrigins: readonly string[]; now: Date },
): Reception {
  if (context.opener === null || context.opener === undefined || event.source !== context.opener) {
    return { kind: 'ignored' };
  }
  if (typeof event.data !== 'string') return { kind: 'ignored' };
  if (context.allowedOrigins.length > 0 && !context.allowedOrigins.includes(event.origin)) {
    return { kind: 'refused', origin: event.origin };
  }
  const payload = readOpenWebuiPayload(event.data, context.now);
  return payload.ok
    ? { kind: 'received', origin: event.origin, conversation: payload.conversation, secrets: payload.secrets }
    : {
        kind: 'unreadable',
        origin: event.origin,
        reason: payload.reason,
        ...(payload.detail ? { detail: payload.detail } : {}),
      };
}

/**
 * Listens for the chat, then says `'loaded'` to the opener. The word goes to `'*'`: Open WebUI
 * checks the origin of what it receives, this page cannot know the opener's origin before it
 * writes, and the word holds nothing, so a stranger who reads it learns only that the page is
 * open. Returns the function that stops listening.
 */
export function listenForOpenWebui(
  allowedOrigins: readonly string[],
  onReception: (reception: Exclude<Reception, { kind: 'ignored' }>) => void,
): () => void {
  const opener: unknown = window.opener;
  const onMessage = (event: MessageEvent) => {
    const reception = receiveOpenWebui(event, { opener, allowedOrigins, now: new Date() });
    if (reception.kind !== 'ignored') onReception(reception);
  };
  window.addEventListener('message', onMessage);
  (opener as Window | null)?.postMessage(OPENWEBUI_LOADED, '*');
  return () => window.removeEventListener('message', onMessage);
}
