/**
 * The one place that talks HTTP: builds the request, sends it through `fetch`, and turns
 * every outcome into either the parsed body or a ChatshareError.
 */
import { ChatshareError, parseRetryAfter } from './errors.js';

/** The part of `fetch` the SDK uses; pass your own to add a cookie jar, retries or logging. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type Credentials = 'omit' | 'same-origin' | 'include';

/** Per-call options every method accepts as its last argument. */
export interface RequestOptions {
  /** Cancels the request; the call then rejects with code `aborted`. */
  signal?: AbortSignal;
  /** Extra headers for this call only. */
  headers?: Record<string, string>;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path from the base URL, already encoded, e.g. `/api/v1/shares/abc`. */
  path: string;
  query?: Record<string, QueryValue> | undefined;
  /** Sent as JSON. Leave undefined for no body (then no Content-Type is sent either). */
  json?: unknown;
  /** A raw text body with its content type, for uploads the server parses itself. */
  text?: { body: string; contentType: string };
  /** A multipart body (file uploads); `fetch` sets the Content-Type with its boundary. */
  form?: FormData;
  /** `empty` for 202/204 answers: the body, if any, is not read as JSON. */
  expect?: 'json' | 'empty';
  /** Cookie pairs to add for this call (`name=value`). */
  cookies?: string[];
  options?: RequestOptions | undefined;
}

export interface HttpConfig {
  baseUrl: string;
  token: string | undefined;
  fetch: FetchLike;
  headers: Record<string, string>;
  credentials: Credentials | undefined;
}

export interface HttpResponse<T> {
  body: T;
  response: Response;
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    // Absent and empty values are left out so the server applies its defaults.
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const encoded = params.toString();
  return encoded === '' ? '' : `?${encoded}`;
}

function buildHeaders(config: HttpConfig, request: HttpRequest): Headers {
  const headers = new Headers({ accept: 'application/json' });
  for (const [name, value] of Object.entries(config.headers)) headers.set(name, value);
  if (config.token !== undefined) headers.set('authorization', `Bearer ${config.token}`);
  if (request.json !== undefined) headers.set('content-type', 'application/json');
  if (request.text !== undefined) headers.set('content-type', request.text.contentType);
  for (const [name, value] of Object.entries(request.options?.headers ?? {})) headers.set(name, value);
  if (request.cookies && request.cookies.length > 0) {
    const existing = headers.get('cookie');
    headers.set('cookie', [...(existing ? [existing] : []), ...request.cookies].join('; '));
  }
  return headers;
}

interface ErrorBodyShape {
  error: { code: string; message: string; details?: unknown };
}

function isErrorBody(value: unknown): value is ErrorBodyShape {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export async function send<T>(config: HttpConfig, request: HttpRequest): Promise<HttpResponse<T>> {
  const url = `${config.baseUrl}${request.path}${queryString(request.query)}`;
  const where = { method: request.method, url };
  const signal = request.options?.signal;
  const init: RequestInit = {
    method: request.method,
    headers: buildHeaders(config, request),
    ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
    ...(request.text !== undefined ? { body: request.text.body } : {}),
    ...(request.form !== undefined ? { body: request.form } : {}),
    // Left unset unless needed: some runtimes (edge workers) reject the field outright.
    ...(config.credentials !== undefined ? { credentials: config.credentials } : {}),
    ...(signal ? { signal } : {}),
  };

  let response: Response;
  let text: string;
  try {
    response = await config.fetch(url, init);
    text = await response.text();
  } catch (cause) {
    if (signal?.aborted) {
      throw new ChatshareError({ ...where, status: 0, code: 'aborted', message: 'The request was aborted.', cause });
    }
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ChatshareError({
      ...where,
      status: 0,
      code: 'network_error',
      message: `Could not reach ${url}: ${reason}`,
      cause,
    });
  }

  if (response.ok) {
    if (request.expect === 'empty') return { body: undefined as T, response };
    const parsed = text === '' ? { ok: false as const } : parseJson(text);
    if (!parsed.ok) {
      throw new ChatshareError({
        ...where,
        status: response.status,
        code: 'invalid_response',
        message: `The server answered ${response.status} without the JSON body this call expects.`,
      });
    }
    return { body: parsed.value as T, response };
  }

  const parsed = text === '' ? { ok: false as const } : parseJson(text);
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const extra = { ...where, status: response.status, ...(retryAfter !== undefined ? { retryAfter } : {}) };
  if (parsed.ok && isErrorBody(parsed.value)) {
    const { code, message, details } = parsed.value.error;
    throw new ChatshareError({ ...extra, code, message, ...(details !== undefined ? { details } : {}) });
  }
  throw new ChatshareError({
    ...extra,
    code: 'http_error',
    message: `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`,
  });
}
