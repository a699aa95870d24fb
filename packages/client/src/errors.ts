/**
 * Every failure the SDK reports is a `ChatshareError`: server errors carry the server's
 * stable `code`, and failures that never reached the server get codes of their own with
 * status 0, so callers branch on one shape only.
 */

/** Codes the server sends in `{ error: { code } }`. */
export const SERVER_ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'invalid_json',
  'invalid_conversation',
  'unsupported_format',
  'import_failed',
  'invalid_multipart',
  'invalid_cursor',
  'empty_selection',
  'invalid_token',
  'unauthenticated',
  'invalid_api_token',
  'invalid_credentials',
  'password_required',
  'wrong_password',
  'forbidden',
  'csrf_rejected',
  'signup_disabled',
  'own_share_report',
  'open_sharing_disabled',
  'community_origin_not_allowed',
  'copy_not_allowed',
  'image_range_invalid',
  'not_found',
  'route_not_found',
  'conversation_not_found',
  'share_not_found',
  'token_not_found',
  'message_not_found',
  'report_not_found',
  'conflict',
  'email_taken',
  'already_imported',
  'changed_since_import',
  'share_revoked',
  'secrets_decision_required',
  'share_expired',
  'share_taken_down',
  'payload_too_large',
  'storage_full',
  'shutting_down',
  'unsupported_media_type',
  'rate_limited',
  'url_not_supported',
  'embed_disabled',
  'format_not_supported',
  'database_unavailable',
  'internal_error',
  'not_ready',
] as const;

/** Codes the SDK itself produces (status 0, or a response it could not read). */
export const CLIENT_ERROR_CODES = [
  /** The request never got an answer: DNS, refused connection, CORS, offline. */
  'network_error',
  /** The caller's AbortSignal fired. */
  'aborted',
  /** An error status without the server's JSON error body (e.g. a proxy's HTML page). */
  'http_error',
  /** A success status whose body is not the JSON the endpoint promises. */
  'invalid_response',
] as const;

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
/** Known codes autocomplete; newer server codes still type-check as plain strings. */
export type ChatshareErrorCode = ServerErrorCode | ClientErrorCode | (string & {});

export interface ChatshareErrorInit {
  status: number;
  code: ChatshareErrorCode;
  message: string;
  details?: unknown;
  retryAfter?: number;
  method?: string;
  url?: string;
  cause?: unknown;
}

/**
 * Marks every ChatshareError, whichever copy of this package made it: an app and the kit can
 * end up with two copies of the SDK in node_modules, and `instanceof` would then miss errors
 * made by the other one.
 */
const BRAND = Symbol.for('@chatshare/client.ChatshareError');

export class ChatshareError extends Error {
  readonly [BRAND] = true;
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** The server's stable `error.code`, or one of `CLIENT_ERROR_CODES`. Branch on this. */
  readonly code: ChatshareErrorCode;
  /** Extra data from the server, e.g. `{ issues: [{ path, message }] }` for `validation_failed`. */
  readonly details: unknown;
  /** Seconds to wait before trying again, from the `Retry-After` header (429, 503). */
  readonly retryAfter: number | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;

  constructor(init: ChatshareErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ChatshareError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.retryAfter = init.retryAfter;
    this.method = init.method;
    this.url = init.url;
  }
}

export const isChatshareError = (error: unknown): error is ChatshareError =>
  error instanceof ChatshareError ||
  (typeof error === 'object' && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true);

export type Result<T> = { ok: true; value: T } | { ok: false; error: ChatshareError };

/**
 * Turns an SDK call into a value: `{ ok: true, value }` or `{ ok: false, error }`. Only
 * `ChatshareError`s become values; anything else is a bug and still rejects.
 */
export async function safe<T>(call: Promise<T> | (() => Promise<T>)): Promise<Result<T>> {
  try {
    return { ok: true, value: await (typeof call === 'function' ? call() : call) };
  } catch (error) {
    if (isChatshareError(error)) return { ok: false, error };
    throw error;
  }
}

/** `Retry-After` is either delay-seconds or an HTTP date; both become whole seconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
