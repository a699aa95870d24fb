/**
 * `<PasswordGate>`: the password form for a locked link. It sends the password with
 * `client.shared.unlock(code, password)`, shows a wrong password or a rate limit inline, and
 * reports the outcome; the page around it decides what to show next.
 */
import { safe, type ChatshareClient } from '@chatshare/client';
import { useId, useRef, useState, type FormEvent } from 'react';
import { describeShareError, toShareError, type ShareError } from './errors.js';
import { useShareI18n } from './i18n/index.js';

export interface PasswordGateProps {
  /** Any client; no sign-in is needed. In a browser the unlock cookie lands in the cookie jar. */
  client: ChatshareClient;
  /** The link's short code. */
  code: string;
  /** The password was right: load the conversation now. */
  onUnlock?: () => void;
  /** The server refused (wrong password, rate limited, link gone…). */
  onError?: (error: ShareError) => void;
}

type Status = { kind: 'idle' } | { kind: 'submitting' } | { kind: 'unlocked' } | { kind: 'failed'; message: string };

/**
 * @example
 * <PasswordGate client={client} code={code} onUnlock={() => setLocked(false)} />
 */
export function PasswordGate({ client, code, onUnlock, onError }: PasswordGateProps) {
  const { t } = useShareI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  // Answers for an older code (the page moved on) are ignored.
  const latestCode = useRef(code);
  latestCode.current = code;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (status.kind === 'submitting') return;
    if (password === '') {
      setStatus({ kind: 'failed', message: t('share.gate.empty') });
      input.current?.focus();
      return;
    }
    setStatus({ kind: 'submitting' });
    const asked = code;
    const result = await safe(client.shared.unlock(code, password));
    if (asked !== latestCode.current) return;
    if (result.ok) {
      setStatus({ kind: 'unlocked' });
      onUnlock?.();
      return;
    }
    const error = toShareError(result.error);
    setStatus({ kind: 'failed', message: describeShareError(t, error) });
    setPassword('');
    input.current?.focus();
    onError?.(error);
  };

  const failed = status.kind === 'failed';
  return (
    <form
      className="cs-share cs-gate"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-describedby={`${id}-explain`}
    >
      <p className="cs-hint" id={`${id}-explain`}>
        {t('share.gate.explain')}
      </p>
      <div className="cs-field">
        <label className="cs-label" htmlFor={`${id}-password`}>
          {t('share.gate.label')}
        </label>
        <div className="cs-gate-row">
          <input
            ref={input}
            id={`${id}-password`}
            className="cs-input"
            type="password"
            autoComplete="current-password"
            value={password}
            aria-invalid={failed || undefined}
            aria-describedby={failed ? `${id}-error` : undefined}
            onChange={(event) => setPassword(event.target.value)}
          />
          <button
            type="submit"
            className="cs-button cs-button-primary"
            aria-disabled={status.kind === 'submitting' || undefined}
          >
            {status.kind === 'submitting' ? t('share.gate.submitting') : t('share.gate.submit')}
          </button>
        </div>
      </div>
      {failed ? (
        <p className="cs-field-error" id={`${id}-error`} role="alert">
          {status.message}
        </p>
      ) : null}
      <p className="cs-visually-hidden" role="status">
        {status.kind === 'unlocked' ? t('share.gate.unlocked') : ''}
      </p>
    </form>
  );
}
