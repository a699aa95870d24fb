/**
 * Until the email is confirmed, a note with "send the link again". People who were invited
 * to private links need a confirmed address to open them.
 */
import { useState } from 'react';
import { attempt, client, type Failure } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { useSession } from '../session.js';
import { ErrorMessage } from './ErrorMessage.js';

export function VerifyBanner() {
  const { t } = useI18n();
  const { user, reload } = useSession();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  if (!user || user.emailVerified) return null;
  return (
    <div className="app-banner">
      <p>{t('verify.pending', { email: user.email })}</p>
      <div className="app-banner-actions">
        <button
          type="button"
          className="app-button"
          onClick={() =>
            void (async () => {
              setError(null);
              const result = await attempt(() => client.auth.resendVerification());
              if (result.ok) setSent(true);
              else if (result.error.code === 'conflict') await reload();
              else setError(result.error);
            })()
          }
        >
          {t('verify.resend')}
        </button>
        <button type="button" className="app-button app-button-quiet" onClick={() => void reload()}>
          {t('verify.done')}
        </button>
      </div>
      <p role="status" className="app-success">
        {sent ? t('verify.sent') : ''}
      </p>
      <ErrorMessage error={error} />
    </div>
  );
}
