/**
 * Sign in or sign up without leaving the /publish page: the conversation lives only in this
 * page's memory, so a navigation to the sign-in page would lose it.
 */
import type { User } from '@chatshare/client';
import { useState } from 'react';
import { CredentialFields, useCredentials } from '../components/Credentials.js';
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
  const [signup, setSignup] = useState(false);
  const form = useCredentials(signup, onSignedIn);

  return (
    <form className="publish-auth" onSubmit={(event) => void form.onSubmit(event)} noValidate>
      <CredentialFields form={form} />
      <ErrorMessage error={form.error} />
      <div className="publish-auth-actions">
        <button type="submit" className="app-button app-button-primary" aria-disabled={form.busy || undefined}>
          {form.busy ? t('common.working') : signup ? t('auth.signup.submit') : t('auth.signin.submit')}
        </button>
        {signupEnabled || signup ? (
          <button
            type="button"
            className="app-link-button"
            onClick={() => {
              setSignup(!signup);
              form.clearError();
            }}
          >
            {signup ? t('publish.toSignin') : t('publish.toSignup')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
