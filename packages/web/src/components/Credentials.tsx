/**
 * Signing in and signing up, as state and fields: the sign-in page and the /publish page's
 * inline form share them (that page must not navigate, or the conversation it holds is lost).
 */
import type { User } from '@chatshare/client';
import { LIMITS } from '@chatshare/core';
import { useId, useState, type FormEvent } from 'react';
import { attempt, client, type Failure } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { TextField } from './TextField.js';

export function useCredentials(signup: boolean, onSignedIn: (user: User) => void) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const [tooShort, setTooShort] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    // Said before asking the server, next to the field, as the hint under it explains.
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

  return {
    signup,
    fields: { email, setEmail, password, setPassword, name, setName },
    busy,
    error,
    tooShort,
    onSubmit,
    clearError: () => setError(null),
  };
}

export type Credentials = ReturnType<typeof useCredentials>;

/** Name (sign-up only), email and password, with the password-length hint on sign-up. */
export function CredentialFields({ form }: { form: Credentials }) {
  const { t } = useI18n();
  const ids = { email: useId(), password: useId(), name: useId(), hint: useId() };
  const { signup, fields, tooShort } = form;
  return (
    <>
      {signup ? (
        <TextField
          id={ids.name}
          label={t('auth.name')}
          name="name"
          autoComplete="name"
          maxLength={LIMITS.displayNameLength}
          value={fields.name}
          onValueChange={fields.setName}
        />
      ) : null}
      <TextField
        id={ids.email}
        label={t('auth.email')}
        name="email"
        type="email"
        autoComplete={signup ? 'email' : 'username'}
        required
        maxLength={LIMITS.emailLength}
        value={fields.email}
        onValueChange={fields.setEmail}
      />
      <TextField
        id={ids.password}
        label={t('auth.password')}
        name="password"
        type="password"
        autoComplete={signup ? 'new-password' : 'current-password'}
        required
        maxLength={LIMITS.passwordMaxLength}
        aria-describedby={signup ? ids.hint : undefined}
        aria-invalid={tooShort || undefined}
        value={fields.password}
        onValueChange={fields.setPassword}
      >
        {signup ? (
          <p id={ids.hint} className={tooShort ? 'app-field-error' : 'app-hint'}>
            {t('auth.passwordHint', { count: LIMITS.passwordMinLength })}
          </p>
        ) : null}
      </TextField>
    </>
  );
}
