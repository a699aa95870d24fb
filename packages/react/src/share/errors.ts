/**
 * Failures as plain values the UI can render: the SDK's stable `code` to branch on, the
 * server's `message` for logs, and a translated sentence for people.
 */
import { isChatshareError, type SecretWarning } from '@chatshare/client';
import type { ShareTranslate } from './i18n/index.js';

export interface ShareError {
  /** The server's `error.code`, or one of the SDK's own (`network_error`, …). */
  code: string;
  /** The server's English message; show `describeShareError` to people instead. */
  message: string;
  /** Seconds to wait, when the server said so (429). */
  retryAfter?: number;
  /** For `secrets_decision_required` from an update: what it would publish that the link does not show yet. */
  secrets?: SecretWarning[];
}

const isWarning = (value: unknown): value is SecretWarning =>
  typeof value === 'object' &&
  value !== null &&
  ['kind', 'label', 'preview', 'location'].every((key) => typeof (value as Record<string, unknown>)[key] === 'string');

/** The findings a `secrets_decision_required` answer carries, if well formed. */
function secretsOf(details: unknown): SecretWarning[] | undefined {
  if (typeof details !== 'object' || details === null || !('warnings' in details)) return undefined;
  const { warnings } = details as { warnings: unknown };
  return Array.isArray(warnings) && warnings.every(isWarning) ? warnings : undefined;
}

/** Codes with a sentence of their own in the kit's strings. */
const TRANSLATED = new Set([
  'network_error',
  'rate_limited',
  'share_revoked',
  'share_not_found',
  'conversation_not_found',
  'open_sharing_disabled',
  'validation_failed',
  'unauthenticated',
  'invalid_api_token',
  'forbidden',
  'conflict',
  'wrong_password',
  'password_required',
  'share_expired',
  'secrets_decision_required',
]);

/** A ChatshareError as a value. Anything else is a bug in the caller and is thrown again. */
export function toShareError(error: unknown): ShareError {
  if (!isChatshareError(error)) throw error;
  const secrets = error.code === 'secrets_decision_required' ? secretsOf(error.details) : undefined;
  return {
    code: error.code,
    message: error.message,
    ...(error.retryAfter !== undefined ? { retryAfter: error.retryAfter } : {}),
    ...(secrets ? { secrets } : {}),
  };
}

/** The sentence to show for `error` in the current language. */
export function describeShareError(t: ShareTranslate, error: ShareError): string {
  const values = { message: error.message, code: error.code, seconds: error.retryAfter ?? 60 };
  return TRANSLATED.has(error.code) ? t(`share.error.${error.code}`, values) : t('share.error.generic', values);
}
