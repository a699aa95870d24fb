/** An expected failure shown where it happened, in words, never as a pop-up. */
import type { Failure } from '../api.js';
import { useI18n, type T } from '../i18n/index.js';

/** Codes with a sentence of their own; everything else gets the generic one with the server's words. */
const KNOWN = new Set([
  'network_error',
  'rate_limited',
  'invalid_credentials',
  'email_taken',
  'signup_disabled',
  'validation_failed',
  'unauthenticated',
  'conversation_not_found',
  'share_not_found',
  'share_revoked',
  'token_not_found',
  'payload_too_large',
  'unsupported_format',
  'import_failed',
  'invalid_json',
  'invalid_conversation',
  'conflict',
  'forbidden',
  'csrf_rejected',
  'share_taken_down',
  'report_not_found',
  'copy_not_allowed',
]);

export function describeFailure(t: T, error: Failure): string {
  const values = { message: error.message, seconds: error.retryAfter ?? 60 };
  return KNOWN.has(error.code) ? t(`error.${error.code}`, values) : t('error.generic', values);
}

export function ErrorMessage({ error, id }: { error: Failure | null; id?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p className="app-error" role="alert" id={id}>
      {describeFailure(t, error)}
    </p>
  );
}
