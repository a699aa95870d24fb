/**
 * The live link: the address with Copy, a QR code, views and limits, the embed code when the
 * link may be embedded, "Update link", and "New link" and "Stop sharing" each behind a
 * confirmation step (both kill the current address at once). Buttons follow the share's `policies`.
 */
import type { Share } from '@chatshare/client';
import { canOfferImage } from '@chatshare/core';
import { useEffect, useId, useRef } from 'react';
import type { CopyOutcome } from './clipboard.js';
import { CopyRow, selectOnFocus } from './CopyRow.js';
import { canEmbed, EmbedCode } from './EmbedCode.js';
import { formatDateTime } from './format.js';
import { GuardedButton } from './GuardedButton.js';
import { useShareI18n } from './i18n/index.js';
import { QrCode } from './QrCode.js';
import { ShareImageButton } from './ShareImageButton.js';
import { Section } from './Section.js';
import type { ShareAction } from './useShareConversation.js';

/** The confirmation steps, and the strings each one uses. */
const CONFIRMATIONS = {
  stop: {
    question: 'share.stop.question',
    explain: 'share.stop.explain',
    cancel: 'share.stop.cancel',
    confirm: 'share.stop.confirm',
    pending: 'share.stopping',
    action: 'revoke',
  },
  rotate: {
    question: 'share.rotate.question',
    explain: 'share.rotate.explain',
    cancel: 'share.rotate.cancel',
    confirm: 'share.rotate.confirm',
    pending: 'share.rotating',
    action: 'rotate',
  },
} as const satisfies Record<string, { action: ShareAction } & Record<string, string>>;

export interface ShareLinkPanelProps {
  share: Share;
  pending: ShareAction | null;
  onCopy: (field: HTMLInputElement | null) => Promise<CopyOutcome>;
  onRefresh: () => void;
  /** The confirmation step is open. */
  confirmingStop: boolean;
  onAskStop: () => void;
  onCancelStop: () => void;
  onConfirmStop: () => void;
  /** "New link" is offered only with these. */
  confirmingRotate?: boolean;
  onAskRotate?: () => void;
  onCancelRotate?: () => void;
  onConfirmRotate?: () => void;
}

export function ShareLinkPanel({
  share,
  pending,
  onCopy,
  onRefresh,
  confirmingStop,
  onAskStop,
  onCancelStop,
  onConfirmStop,
  confirmingRotate = false,
  onAskRotate,
  onCancelRotate,
  onConfirmRotate,
}: ShareLinkPanelProps) {
  const { t, language } = useShareI18n();
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const stopButton = useRef<HTMLButtonElement>(null);
  const rotateButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const { settings, policies } = share;
  const busy = pending !== null;

  const confirming = confirmingStop ? 'stop' : confirmingRotate && onConfirmRotate ? 'rotate' : null;
  const canRotate = policies.update && onAskRotate !== undefined;

  // The confirmation takes focus (on its safe choice); closing it gives focus back to its button.
  const wasConfirming = useRef(confirming);
  useEffect(() => {
    const was = wasConfirming.current;
    if (confirming && !was) cancelButton.current?.focus();
    if (!confirming && was) (was === 'stop' ? stopButton : rotateButton).current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const strings = confirming ? CONFIRMATIONS[confirming] : null;

  return (
    <Section className="cs-link-panel" heading={t('share.link.heading')}>
      <CopyRow
        onCopy={() => onCopy(field.current)}
        buttonLabel={t('share.copy')}
        primary
        messages={{ copied: 'share.copied', manual: 'share.copyManual' }}
      >
        <label className="cs-visually-hidden" htmlFor={`${id}-url`}>
          {t('share.link.label')}
        </label>
        <input
          ref={field}
          id={`${id}-url`}
          className="cs-input cs-link-input"
          type="text"
          readOnly
          value={share.shareUrl}
          onFocus={selectOnFocus}
        />
      </CopyRow>

      <div className="cs-link-details">
        <QrCode value={share.shareUrl} alt={t('share.qr.alt', { url: share.shareUrl })} />
        <ul className="cs-facts">
          <li>{t('share.views', { count: settings.viewCount })}</li>
          {settings.status === 'expired' ? (
            <li className="cs-fact-warning">{t('share.expired')}</li>
          ) : settings.expiresAt ? (
            <li>{t('share.expiresAt', { date: formatDateTime(settings.expiresAt, language) })}</li>
          ) : null}
          {settings.hasPassword ? <li>{t('share.passwordProtected')}</li> : null}
        </ul>
      </div>

      {canOfferImage(settings).allowed ? (
        <ShareImageButton src={`${share.shareUrl}/image.png`} fileName={`${share.shortCode}.png`} />
      ) : null}

      {canEmbed(settings) ? <EmbedCode share={share} /> : null}

      {confirming && strings ? (
        <div className="cs-confirm" role="group" aria-labelledby={`${id}-confirm`} aria-describedby={`${id}-explain`}>
          <p className="cs-confirm-question" id={`${id}-confirm`}>
            {t(strings.question)}
          </p>
          <p className="cs-hint" id={`${id}-explain`}>
            {t(strings.explain)}
          </p>
          <div className="cs-actions">
            <GuardedButton
              ref={cancelButton}
              busy={busy}
              className="cs-button"
              onPress={confirming === 'stop' ? onCancelStop : () => onCancelRotate?.()}
            >
              {t(strings.cancel)}
            </GuardedButton>
            <GuardedButton
              busy={busy}
              className="cs-button cs-button-danger"
              onPress={confirming === 'stop' ? onConfirmStop : () => onConfirmRotate?.()}
            >
              {pending === strings.action ? t(strings.pending) : t(strings.confirm)}
            </GuardedButton>
          </div>
        </div>
      ) : (
        <div className="cs-actions">
          {policies.update ? (
            <GuardedButton busy={busy} className="cs-button" onPress={onRefresh}>
              {pending === 'refresh' ? t('share.updating') : t('share.update')}
            </GuardedButton>
          ) : null}
          {canRotate ? (
            <GuardedButton ref={rotateButton} busy={busy} className="cs-button" onPress={() => onAskRotate?.()}>
              {t('share.rotate')}
            </GuardedButton>
          ) : null}
          {policies.revoke ? (
            <GuardedButton
              ref={stopButton}
              busy={busy}
              className="cs-button cs-button-danger-quiet"
              onPress={onAskStop}
            >
              {t('share.stop')}
            </GuardedButton>
          ) : null}
        </div>
      )}
    </Section>
  );
}
