/**
 * Sign in and sign up: one form, two modes. After success the person goes to `next` when it is
 * a path on this site (a share page sends people here to sign in), otherwise to their
 * conversations.
 */
import { LIMITS } from '@chatshare/core';
import { useId, useState, type FormEvent } from 'react';
import { attempt, client, type Failure } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { usePageTitle } from '../components/usePageTitle.js';
import { useI18n } from '../i18n/index.js';
import { BASE, Link, navigate, useLocation } from '../router.js';
import { safeNext } from '../safe-next.js';
import { useSession } from '../session.js';

/** Where to go after signing in: inside the app without a reload, elsewhere on the site with one. */
export function goTo(next: string | null): void {
  if (next && next !== BASE && next !== `${BASE}/` && next.startsWith(`${BASE}/`)) {
    navigate(next.slice(BASE.length));
  } else if (next && !next.startsWith(`${BASE}/`) && next !== BASE) {
    window.location.assign(next);
  } else {
    navigate('/conversations', { replace: true });
  }
}

export function AuthPage({ mode }: { mode: 'signin' | 'signup' }) {
  const { t } = useI18n();
  const { user, setUser } = useSession();
  const { query } = useLocation();
  const next = safeNext(query.get('next'), window.location.origin);
  const ids = { email: useId(), password: useId(), name: useId(), hint: useId(), error: useId() };
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const [tooShort, setTooShort] = useState(false);
  const signup = mode === 'signup';
  usePageTitle(signup ? t('auth.signup.title') : t('auth.signin.title'));

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
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setUser(result.value.user);
    goTo(next);
  };

  const other = `${signup ? '/signin' : '/signup'}${next ? `?next=${encodeURIComponent(next)}` : ''}`;
  return (
    <main id="main" className="app-auth">
      <div className="app-auth-card">
        <p className="app-auth-brand" aria-hidden="true">
          chatshare
        </p>
        <h1>{signup ? t('auth.signup.title') : t('auth.signin.title')}</h1>
        {user && !signup ? (
          <p className="app-note">
            {t('auth.already', { email: user.email })}{' '}
            <button type="button" className="app-link-button" onClick={() => goTo(next)}>
              {t('auth.continue')}
            </button>
          </p>
        ) : null}
        <form onSubmit={onSubmit} noValidate aria-describedby={error ? ids.error : undefined}>
          {signup ? (
            <div className="app-field">
              <label htmlFor={ids.name}>{t('auth.name')}</label>
              <input
                id={ids.name}
                name="name"
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
              name="email"
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
              name="password"
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
          <ErrorMessage error={error} id={ids.error} />
          <button
            type="submit"
            className="app-button app-button-primary app-button-wide"
            aria-disabled={busy || undefined}
          >
            {busy ? t('common.working') : signup ? t('auth.signup.submit') : t('auth.signin.submit')}
          </button>
        </form>
        <p className="app-auth-switch">
          {signup ? t('auth.haveAccount') : t('auth.noAccount')}{' '}
          <Link to={other}>{signup ? t('auth.signin.link') : t('auth.signup.link')}</Link>
        </p>
      </div>
    </main>
  );
}
