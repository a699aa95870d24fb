/**
 * The live link: the address with Copy, a QR code, views and limits, the embed code when the
 * link may be embedded, "Update link", and "New link" and "Stop sharing" each behind a
 * confirmation step (both kill the current address at once). Buttons follow the share's `policies`.
 */
import type { Share } from '@chatshare/client';
import { useEffect, useId, useRef, useState } from 'react';
import { copyShortcut, type CopyOutcome } from './clipboard.js';
import { canEmbed, EmbedCode } from './EmbedCode.js';
import { formatDateTime } from './format.js';
import { useShareI18n } from './i18n/index.js';
import { CopyIcon } from './icons.js';
import { QrCode } from './QrCode.js';
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
  const [copy, setCopy] = useState<CopyOutcome | null>(null);
  const { settings, policies } = share;
  const busy = pending !== null;
  // aria-disabled rather than disabled while a request runs: a disabled button drops the
  // keyboard focus of the person who just pressed it.
  const guard = (action: () => void) => ({
    'aria-disabled': busy || undefined,
    onClick: () => {
      if (!busy) action();
    },
  });

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

  const copyMessage =
    copy === 'copied'
      ? t('share.copied')
      : copy === 'selected' || copy === 'failed'
        ? t('share.copyManual', { shortcut: copyShortcut() })
        : '';

  return (
    <section className="cs-link-panel" aria-labelledby={`${id}-heading`}>
      <h3 className="cs-section-heading" id={`${id}-heading`}>
        {t('share.link.heading')}
      </h3>
      <div className="cs-link-row">
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
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          className="cs-button cs-button-primary"
          onClick={() => {
            // Called straight from the click, before any await: browsers require it.
            void onCopy(field.current).then(setCopy);
          }}
        >
          <CopyIcon />
          <span>{t('share.copy')}</span>
        </button>
      </div>
      <p className="cs-copy-status" role="status">
        {copyMessage}
      </p>

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
            <button
              ref={cancelButton}
              type="button"
              className="cs-button"
              {...guard(confirming === 'stop' ? onCancelStop : () => onCancelRotate?.())}
            >
              {t(strings.cancel)}
            </button>
            <button
              type="button"
              className="cs-button cs-button-danger"
              {...guard(confirming === 'stop' ? onConfirmStop : () => onConfirmRotate?.())}
            >
              {pending === strings.action ? t(strings.pending) : t(strings.confirm)}
            </button>
          </div>
        </div>
      ) : (
        <div className="cs-actions">
          {policies.update ? (
            <button type="button" className="cs-button" {...guard(onRefresh)}>
              {pending === 'refresh' ? t('share.updating') : t('share.update')}
            </button>
          ) : null}
          {canRotate ? (
            <button ref={rotateButton} type="button" className="cs-button" {...guard(() => onAskRotate?.())}>
              {t('share.rotate')}
            </button>
          ) : null}
          {policies.revoke ? (
            <button ref={stopButton} type="button" className="cs-button cs-button-danger-quiet" {...guard(onAskStop)}>
              {t('share.stop')}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}
