/**
 * Sign in or sign up without leaving the /publish page: the conversation lives only in this
 * page's memory, so a navigation to the sign-in page would lose it.
 */
import type { User } from '@chatshare/client';
import { LIMITS } from '@chatshare/core';
import { useId, useState, type FormEvent } from 'react';
import { attempt, client, type Failure } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { useI18n } from '../i18n/index.js';

export function InlineAuth({
  signupEnabled,
  onSignedIn,
}: {
  signupEnabled: boolean;
  onSignedIn: (user: User) => void;
}) {
  const { t } = useI18n();
  const ids = { email: useId(), password: useId(), name: useId(), hint: useId() };
  const [signup, setSignup] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const [tooShort, setTooShort] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (signup && password.length < LIMITS.passwordMinLength) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    setBusy(true);
    setError(null);
    const result = await attempt(() =>
      signup
        ? client.auth.signup({ email: email.trim(), password, ...(name.trim() ? { name: name.trim() } : {}) })
        : client.auth.signin({ email: email.trim(), password }),
    );
    setBusy(false);
    if (result.ok) onSignedIn(result.value.user);
    else setError(result.error);
  };

  return (
    <form className="publish-auth" onSubmit={onSubmit} noValidate>
      {signup ? (
        <div className="app-field">
          <label htmlFor={ids.name}>{t('auth.name')}</label>
          <input
            id={ids.name}
            autoComplete="name"
            maxLength={LIMITS.displayNameLength}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
      ) : null}
      <div className="app-field">
        <label htmlFor={ids.email}>{t('auth.email')}</label>
        <input
          id={ids.email}
          type="email"
          autoComplete={signup ? 'email' : 'username'}
          required
          maxLength={LIMITS.emailLength}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </div>
      <div className="app-field">
        <label htmlFor={ids.password}>{t('auth.password')}</label>
        <input
          id={ids.password}
          type="password"
          autoComplete={signup ? 'new-password' : 'current-password'}
          required
          maxLength={LIMITS.passwordMaxLength}
          aria-describedby={signup ? ids.hint : undefined}
          aria-invalid={tooShort || undefined}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {signup ? (
          <p id={ids.hint} className={tooShort ? 'app-field-error' : 'app-hint'}>
            {t('auth.passwordHint', { count: LIMITS.passwordMinLength })}
          </p>
        ) : null}
      </div>
      <ErrorMessage error={error} />
      <div className="publish-auth-actions">
        <button type="submit" className="app-button app-button-primary" aria-disabled={busy || undefined}>
          {busy ? t('common.working') : signup ? t('auth.signup.submit') : t('auth.signin.submit')}
        </button>
        {signupEnabled || signup ? (
          <button
            type="button"
            className="app-link-button"
            onClick={() => {
              setSignup(!signup);
              setError(null);
            }}
          >
            {signup ? t('publish.toSignin') : t('publish.toSignup')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
