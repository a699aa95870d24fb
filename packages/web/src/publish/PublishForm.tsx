/**
 * A conversation that arrived on /publish: where it came from, in large type; sign-in or
 * sign-up if needed; the title and whether the person's name shows; Publish; and the whole
 * conversation as it will appear, rendered by the kit with the safe markdown rules.
 */
import type { InstanceConfig, Share } from '@chatshare/client';
import { LIMITS } from '@chatshare/core';
import { ConversationView, prepareConversation } from '@chatshare/react';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { attempt, client, type Failure } from '../api.js';
import { CopyButton } from '../components/CopyButton.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { useMathStyles } from '../components/useMathStyles.js';
import { useI18n } from '../i18n/index.js';
import { useSession } from '../session.js';
import { InlineAuth } from './InlineAuth.js';
import type { ReceivedConversation } from './payload.js';
import type { Secrets } from './receive.js';

export interface PublishFormProps {
  /** The sending site, as the browser reported it on the message. */
  origin: string;
  conversation: ReceivedConversation;
  config: InstanceConfig;
  /** Possible secrets found on this page, for a sender that scans nothing (Open WebUI). */
  secrets?: Secrets;
}

/** Failures with a sentence of their own on this page. */
const OWN_MESSAGES = new Set(['community_origin_not_allowed', 'open_sharing_disabled']);

export function PublishForm({ origin, conversation: received, config, secrets }: PublishFormProps) {
  const { t, viewT, language } = useI18n();
  const { user, setUser, signOut } = useSession();
  const ids = { title: useId(), author: useId(), authorHint: useId(), redact: useId() };
  /** `messages[3]` as the person counts: "message 4"; `title` as the title. */
  const secretPlace = (location: string) => {
    const index = /^messages\[(\d+)\]$/.exec(location)?.[1];
    return index === undefined
      ? t('publish.secretInTitle')
      : t('publish.secretInMessage', { number: Number(index) + 1 });
  };
  const host = window.location.host;
  // A title with a possible secret starts replaced too (the person may still type another).
  const [title, setTitle] = useState(secrets?.warnings.length ? secrets.redacted.title : received.title);
  const [showAuthor, setShowAuthor] = useState(false);
  // Replaced unless the person says otherwise: what is published here is public.
  const [redact, setRedact] = useState(true);
  const warnings = secrets?.warnings ?? [];
  const conversation = secrets && warnings.length > 0 && redact ? secrets.redacted : received;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const [published, setPublished] = useState<Share | null>(null);

  // The preview is the page as it will be published: author names only with "show my name".
  const view = useMemo(
    () => ({
      title: title.trim() || conversation.title,
      messages: showAuthor
        ? conversation.messages
        : conversation.messages.map(({ author: _author, ...message }) => message),
    }),
    [title, conversation, showAuthor],
  );
  const prepared = useMemo(() => prepareConversation(view, viewT), [view, viewT]);
  useMathStyles(prepared.mathCss);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !user) return;
    setBusy(true);
    setError(null);
    const result = await attempt(() =>
      client.community.publish({ conversation, title: title.trim(), showAuthor, sourceOrigin: origin }),
    );
    setBusy(false);
    if (result.ok) setPublished(result.value);
    else setError(result.error);
  };

  return (
    <div className="publish-layout">
      <section className="publish-source" aria-label={t('publish.from')}>
        <p className="publish-source-label">{t('publish.from')}</p>
        <p className="publish-source-origin">{origin}</p>
        {conversation.models.length > 0 ? (
          <p className="publish-models">
            {t('publish.models')}: {conversation.models.join(', ')}
          </p>
        ) : null}
        <p className="app-hint">{t('publish.notSaved', { host })}</p>
      </section>

      {published ? (
        <section className="app-card publish-done" role="status">
          <p>{t('publish.published')}</p>
          <p className="publish-link">
            <a href={published.shareUrl}>{published.shareUrl}</a>
          </p>
          <div className="publish-auth-actions">
            <CopyButton text={published.shareUrl} />
            <a className="app-button" href={published.shareUrl}>
              {t('publish.open')}
            </a>
          </div>
        </section>
      ) : !config.openSharing ? (
        <p className="app-error" role="alert">
          {t('publish.openSharingOff')}
        </p>
      ) : (
        <section className="app-card publish-settings" aria-labelledby={`${ids.title}-heading`}>
          <h2 id={`${ids.title}-heading`}>{t('publish.account', { host })}</h2>
          {user ? (
            <p>
              {t('publish.signedInAs', { email: user.email })}{' '}
              <button type="button" className="app-link-button" onClick={() => void signOut()}>
                {t('publish.signOut')}
              </button>
            </p>
          ) : (
            <>
              <p className="app-hint">{t('publish.signInFirst', { host })}</p>
              <InlineAuth signupEnabled={config.signupEnabled} onSignedIn={setUser} />
            </>
          )}

          <form onSubmit={(event) => void onSubmit(event)} noValidate>
            <h2>{t('publish.settings')}</h2>
            <div className="app-field">
              <label htmlFor={ids.title}>{t('publish.titleLabel')}</label>
              <input
                id={ids.title}
                required
                maxLength={LIMITS.titleLength}
                value={title}
                onChange={(event) => setTitle(event.target.value)}
              />
            </div>
            <div className="publish-check">
              <input
                id={ids.author}
                type="checkbox"
                checked={showAuthor}
                aria-describedby={ids.authorHint}
                onChange={(event) => setShowAuthor(event.target.checked)}
              />
              <label htmlFor={ids.author}>{t('publish.showAuthor')}</label>
              <p className="app-hint" id={ids.authorHint}>
                {!user
                  ? t('publish.showAuthorSignedOut')
                  : user.name
                    ? t('publish.showAuthorNamed', { name: user.name })
                    : t('publish.showAuthorUnnamed')}
              </p>
            </div>
            {warnings.length > 0 ? (
              <div className="publish-secrets" role="note">
                <p>{t('publish.secrets', { count: warnings.length })}</p>
                <ul>
                  {warnings.map((warning, index) => (
                    <li key={index}>
                      <code>{warning.preview}</code> · {secretPlace(warning.location)}
                    </li>
                  ))}
                </ul>
                <div className="publish-check">
                  <input
                    id={ids.redact}
                    type="checkbox"
                    checked={redact}
                    onChange={(event) => setRedact(event.target.checked)}
                  />
                  <label htmlFor={ids.redact}>{t('publish.redact')}</label>
                </div>
              </div>
            ) : null}
            <p className="app-hint">{t('publish.public')}</p>
            {error ? (
              OWN_MESSAGES.has(error.code) ? (
                <p className="app-error" role="alert">
                  {t(`publish.error.${error.code}`, { origin })}
                </p>
              ) : (
                <ErrorMessage error={error} />
              )
            ) : null}
            <button
              type="submit"
              className="app-button app-button-primary"
              aria-disabled={busy || !user || title.trim() === '' || undefined}
            >
              {busy ? t('publish.publishing') : t('publish.submit')}
            </button>
          </form>
        </section>
      )}

      <section className="publish-preview" aria-label={t('publish.preview')}>
        <h2>{t('publish.preview')}</h2>
        <ConversationView conversation={view} prepared={prepared} t={viewT} locale={language} />
      </section>
    </div>
  );
}
