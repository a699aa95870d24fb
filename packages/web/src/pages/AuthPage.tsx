/**
 * Sign in and sign up: one form, two modes. After success the person goes to `next` when it is
 * a path on this site (a share page sends people here to sign in), otherwise to their
 * conversations.
 */
import { useId } from 'react';
import { CredentialFields, useCredentials } from '../components/Credentials.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { usePageTitle } from '../components/usePageTitle.js';
import { useI18n } from '../i18n/index.js';
import { useInstanceConfig } from '../instance-config.js';
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
  const errorId = useId();
  const signup = mode === 'signup';
  // Known once /api/v1/config answers; until then the page offers what most instances allow.
  const signupClosed = useInstanceConfig()?.signupEnabled === false;
  const form = useCredentials(signup, (signedIn) => {
    setUser(signedIn);
    goTo(next);
  });
  usePageTitle(signup ? t('auth.signup.title') : t('auth.signin.title'));

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
        {signup && signupClosed ? (
          <p className="app-note" role="status">
            {t('auth.signupClosed')}
          </p>
        ) : null}
        <form
          hidden={signup && signupClosed}
          onSubmit={(event) => void form.onSubmit(event)}
          noValidate
          aria-describedby={form.error ? errorId : undefined}
        >
          <CredentialFields form={form} />
          <ErrorMessage error={form.error} id={errorId} />
          <button
            type="submit"
            className="app-button app-button-primary app-button-wide"
            aria-disabled={form.busy || undefined}
          >
            {form.busy ? t('common.working') : signup ? t('auth.signup.submit') : t('auth.signin.submit')}
          </button>
        </form>
        {!signup && signupClosed ? (
          <p className="app-auth-switch">{t('auth.signupClosed')}</p>
        ) : (
          <p className="app-auth-switch">
            {signup ? t('auth.haveAccount') : t('auth.noAccount')}{' '}
            <Link to={other}>{signup ? t('auth.signin.link') : t('auth.signup.link')}</Link>
          </p>
        )}
      </div>
    </main>
  );
}
