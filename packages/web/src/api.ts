/**
 * The one SDK client of the app. The app is served by the chatshare server itself, so it talks
 * to the same origin with the session cookie (`baseUrl: ''`); browsers add the Origin header
 * the server's CSRF check wants on every change.
 */
import { createClient, isChatshareError, type ChatshareError } from '@chatshare/client';

export const client = createClient({ baseUrl: '' });

export interface Failure {
  code: string;
  message: string;
  retryAfter?: number;
  /** Field problems of a `validation_failed` answer. */
  issues?: { path: string; message: string }[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Failure };

function toFailure(error: ChatshareError): Failure {
  const details = error.details as { issues?: { path: string; message: string }[] } | undefined;
  return {
    code: error.code,
    message: error.message,
    ...(error.retryAfter !== undefined ? { retryAfter: error.retryAfter } : {}),
    ...(details?.issues ? { issues: details.issues } : {}),
  };
}

/**
 * Runs an SDK call and turns every expected failure into a value the page shows inline.
 * Anything that is not a ChatshareError is a bug and is thrown again.
 */
export async function attempt<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (isChatshareError(error)) return { ok: false, error: toFailure(error) };
    throw error;
  }
}
