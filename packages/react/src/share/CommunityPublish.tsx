/**
 * "Publish to community" in the share dialog: fetch what would be published (the public
 * snapshot, never the stored conversation), show the secrets found in it with the choice to
 * replace them, then open the community's /publish page and hand the snapshot over through
 * `publishToCommunity` (exact-origin handshake). Nothing is sent before the person says so.
 */
import { safe, type ChatshareClient, type ConversationSnapshot } from '@chatshare/client';
import { useEffect, useId, useRef, useState } from 'react';
import { publishToCommunity, type CommunityFailure } from './community-handshake.js';
import { describeShareError, toShareError, type ShareError } from './errors.js';
import { useShareI18n } from './i18n/index.js';
import { SecretList } from './SecretWarnings.js';

export interface CommunityPublishProps {
  client: ChatshareClient;
  conversationId: string;
  /** The community instance (from `GET /api/v1/config`). */
  communityUrl: string;
}

type Step =
  | { name: 'idle' }
  | { name: 'preparing' }
  | { name: 'ready'; prepared: ConversationSnapshot }
  | { name: 'waiting'; prepared: ConversationSnapshot }
  | { name: 'sent' }
  | { name: 'failed'; reason: CommunityFailure; origins: string[]; prepared: ConversationSnapshot };

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

export function CommunityPublish({ client, conversationId, communityUrl }: CommunityPublishProps) {
  const { t } = useShareI18n();
  const id = useId();
  const host = hostOf(communityUrl);
  const [step, setStep] = useState<Step>({ name: 'idle' });
  const [error, setError] = useState<ShareError | null>(null);
  const [redact, setRedact] = useState(false);
  const [showAuthor, setShowAuthor] = useState(false);
  const aborter = useRef<AbortController | null>(null);
  const request = useRef(0);

  // Closing the dialog stops waiting for the tab (nothing is sent after that).
  useEffect(() => () => aborter.current?.abort(), []);

  const prepare = async (choice: { redact: boolean; showAuthor: boolean }) => {
    const current = ++request.current;
    setError(null);
    setStep({ name: 'preparing' });
    const result = await safe(() => client.conversations.snapshot(conversationId, choice));
    if (current !== request.current) return;
    if (result.ok) setStep({ name: 'ready', prepared: result.value });
    else {
      setError(toShareError(result.error));
      setStep({ name: 'idle' });
    }
  };

  const send = (prepared: ConversationSnapshot) => {
    // Runs inside the click: browsers open new tabs only from one.
    aborter.current?.abort();
    const controller = new AbortController();
    aborter.current = controller;
    setStep({ name: 'waiting', prepared });
    void publishToCommunity({
      communityUrl,
      payload: { conversation: prepared.snapshot, models: prepared.snapshot.models },
      signal: controller.signal,
    }).then((outcome) => {
      if (controller.signal.aborted && !outcome.ok && outcome.reason === 'aborted') return;
      setStep(
        outcome.ok ? { name: 'sent' } : { name: 'failed', reason: outcome.reason, origins: outcome.origins, prepared },
      );
    });
  };

  const prepared = step.name === 'ready' || step.name === 'waiting' || step.name === 'failed' ? step.prepared : null;
  const open = prepared ? prepared.warnings.filter((warning) => !warning.redacted) : [];
  const replaced = prepared ? prepared.warnings.length - open.length : 0;
  const busy = step.name === 'preparing' || step.name === 'waiting';
  const status =
    step.name === 'preparing'
      ? t('share.community.preparing')
      : step.name === 'waiting'
        ? t('share.community.waiting', { host })
        : step.name === 'sent'
          ? t('share.community.sent', { host })
          : '';

  return (
    <section className="cs-community" aria-labelledby={`${id}-heading`}>
      <h3 className="cs-section-heading" id={`${id}-heading`}>
        {t('share.community.heading')}
      </h3>
      <p className="cs-hint">{t('share.community.explain', { host })}</p>

      {prepared ? (
        <div className="cs-community-choices">
          <p className="cs-hint">{t('share.community.ready', { count: prepared.snapshot.messages.length })}</p>
          {open.length > 0 || replaced > 0 ? (
            <div className="cs-warnings">
              {open.length > 0 ? (
                <>
                  <p className="cs-hint">{t('share.community.secrets', { count: open.length })}</p>
                  <SecretList warnings={open} />
                </>
              ) : (
                <p className="cs-hint">{t('share.warnings.redacted', { count: replaced })}</p>
              )}
              <div className="cs-check">
                <input
                  id={`${id}-redact`}
                  type="checkbox"
                  checked={redact}
                  disabled={busy}
                  onChange={(event) => {
                    setRedact(event.target.checked);
                    void prepare({ redact: event.target.checked, showAuthor });
                  }}
                />
                <label htmlFor={`${id}-redact`}>{t('share.community.redact')}</label>
              </div>
            </div>
          ) : null}
          <div className="cs-check">
            <input
              id={`${id}-authors`}
              type="checkbox"
              checked={showAuthor}
              disabled={busy}
              onChange={(event) => {
                setShowAuthor(event.target.checked);
                void prepare({ redact, showAuthor: event.target.checked });
              }}
            />
            <label htmlFor={`${id}-authors`}>{t('share.community.showAuthor')}</label>
          </div>
        </div>
      ) : null}

      <p className="cs-notice cs-notice-success" role="status">
        {status}
      </p>
      {error ? (
        <p className="cs-notice cs-notice-error" role="alert">
          {describeShareError(t, error)}
        </p>
      ) : null}
      {step.name === 'failed' ? (
        <p className="cs-notice cs-notice-error" role="alert">
          {t(`share.community.error.${step.reason}`, { host, origins: step.origins.join(', ') })}
        </p>
      ) : null}

      <div className="cs-actions">
        {prepared ? (
          <button
            type="button"
            className="cs-button cs-button-primary"
            aria-disabled={busy || undefined}
            onClick={() => !busy && send(prepared)}
          >
            {t('share.community.continue', { host })}
          </button>
        ) : (
          <button
            type="button"
            className="cs-button"
            aria-disabled={busy || undefined}
            onClick={() => !busy && void prepare({ redact, showAuthor })}
          >
            {t('share.community.start')}
          </button>
        )}
      </div>
    </section>
  );
}
