/**
 * "Publish to community" in the share dialog: fetch what would be published (the public
 * snapshot, never the stored conversation), show the secrets found in it with the choice to
 * replace them, then open the community's /publish page and hand the snapshot over through
 * `publishToCommunity` (exact-origin handshake). Nothing is sent before the person says so.
 */
import { safe, type ChatshareClient, type ConversationSnapshot } from '@chatshare/client';
import { useEffect, useRef, useState } from 'react';
import { Checkbox } from './Checkbox.js';
import { publishToCommunity, type CommunityFailure } from './community-handshake.js';
import { describeShareError, toShareError, type ShareError } from './errors.js';
import { GuardedButton } from './GuardedButton.js';
import { useShareI18n } from './i18n/index.js';
import { SecretList } from './SecretWarnings.js';
import { Section } from './Section.js';

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

interface PublishChoice {
  redact: boolean;
  showAuthor: boolean;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

export function CommunityPublish({ client, conversationId, communityUrl }: CommunityPublishProps) {
  const { t } = useShareI18n();
  const host = hostOf(communityUrl);
  const [step, setStep] = useState<Step>({ name: 'idle' });
  const [error, setError] = useState<ShareError | null>(null);
  const [redact, setRedact] = useState(false);
  const [showAuthor, setShowAuthor] = useState(false);
  const aborter = useRef<AbortController | null>(null);
  const request = useRef(0);

  // Closing the dialog stops waiting for the tab (nothing is sent after that).
  useEffect(() => () => aborter.current?.abort(), []);

  const prepare = async (choice: PublishChoice) => {
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

  /** A changed choice asks for the snapshot again, so what is shown is what would be sent. */
  const choose = (change: Partial<PublishChoice>) => {
    const next = { redact, showAuthor, ...change };
    setRedact(next.redact);
    setShowAuthor(next.showAuthor);
    void prepare(next);
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
    <Section className="cs-community" heading={t('share.community.heading')}>
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
              <Checkbox
                checked={redact}
                disabled={busy}
                label={t('share.community.redact')}
                onChange={(checked) => choose({ redact: checked })}
              />
            </div>
          ) : null}
          <Checkbox
            checked={showAuthor}
            disabled={busy}
            label={t('share.community.showAuthor')}
            onChange={(checked) => choose({ showAuthor: checked })}
          />
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
          <GuardedButton busy={busy} className="cs-button cs-button-primary" onPress={() => send(prepared)}>
            {t('share.community.continue', { host })}
          </GuardedButton>
        ) : (
          <GuardedButton busy={busy} className="cs-button" onPress={() => void prepare({ redact, showAuthor })}>
            {t('share.community.start')}
          </GuardedButton>
        )}
      </div>
    </Section>
  );
}
