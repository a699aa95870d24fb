/**
 * `/app/copy/:code`: where a share page's "Save a copy" brings a reader who had to sign in or
 * sign up first. Saves the copy (POST /api/v1/shared/:code/copies, with the cookies the share
 * page had, so a locked link's unlock still counts) and goes on to it; a refusal is shown with
 * a way back to the link.
 */
import type { Conversation } from '@chatshare/client';
import { useEffect, useRef, useState } from 'react';
import { attempt, client, type Failure, type Outcome } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { usePageTitle } from '../components/usePageTitle.js';
import { useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';

export function CopyPage({ code }: { code: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<Failure | null>(null);
  // One copy per code, even when React runs the effect twice (development's strict mode).
  const started = useRef<{ code: string; result: Promise<Outcome<Conversation>> } | null>(null);
  usePageTitle(t('copy.title'));

  useEffect(() => {
    let current = true;
    if (started.current?.code !== code) {
      started.current = { code, result: attempt(() => client.shared.copy(code)) };
    }
    void started.current.result.then((result) => {
      if (!current) return;
      // Replaced, so "back" from the copy goes to the share page, not to a second copy.
      if (result.ok) navigate(`/conversations/${encodeURIComponent(result.value.id)}`, { replace: true });
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [code]);

  return (
    <section className="app-page">
      <h1>{t('copy.title')}</h1>
      {error ? (
        <>
          <p>{t('copy.failed')}</p>
          <ErrorMessage error={error} />
          <p>
            <a href={`/s/${encodeURIComponent(code)}`}>{t('copy.back')}</a>
          </p>
        </>
      ) : (
        <p className="app-loading" role="status">
          {t('copy.working')}
        </p>
      )}
    </section>
  );
}
