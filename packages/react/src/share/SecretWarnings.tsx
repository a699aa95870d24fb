/**
 * What the server's secret scan found in the shared copy, with one click to replace it.
 * The link is already live when this shows (the scan runs as the snapshot is taken), and the
 * text says so rather than suggesting nothing was published yet.
 */
import type { SecretWarning } from '@chatshare/client';
import { useId } from 'react';
import { useShareI18n, type ShareTranslate } from './i18n/index.js';
import { WarningIcon } from './icons.js';

export interface SecretWarningsProps {
  warnings: SecretWarning[];
  busy: boolean;
  redacting: boolean;
  /** False hides the buttons (the person may not change this link). */
  canRedact: boolean;
  onRedact: () => void;
  onDismiss: () => void;
}

/** Where a secret is, in words: "in the title", "in message 3". */
export function where(t: ShareTranslate, location: string): string {
  if (location === 'title') return t('share.warnings.inTitle');
  const index = /^messages\[(\d+)\]$/.exec(location)?.[1];
  return index === undefined ? location : t('share.warnings.inMessage', { number: Number(index) + 1 });
}

/** The server's English label, unless the kit knows the kind. */
export const kindLabel = (t: ShareTranslate, warning: SecretWarning) => {
  const key = `share.secret.${warning.kind}`;
  const label = t(key);
  return label === key ? warning.label : label;
};

export function SecretWarnings({ warnings, busy, redacting, canRedact, onRedact, onDismiss }: SecretWarningsProps) {
  const { t } = useShareI18n();
  const id = useId();
  const open = warnings.filter((warning) => !warning.redacted);
  if (warnings.length === 0) return null;
  if (open.length === 0) {
    return (
      <p className="cs-notice cs-notice-success" role="status">
        {t('share.warnings.redacted', { count: warnings.length })}
      </p>
    );
  }
  return (
    <section className="cs-warnings" aria-labelledby={`${id}-heading`} aria-describedby={`${id}-explain`}>
      <h3 className="cs-section-heading cs-warnings-heading" id={`${id}-heading`}>
        <WarningIcon />
        <span>{t('share.warnings.heading')}</span>
      </h3>
      <p className="cs-hint" id={`${id}-explain`}>
        {t('share.warnings.explain')}
      </p>
      <ul className="cs-warning-list">
        {open.map((warning, index) => (
          <li key={`${warning.location}-${index}`}>
            <span className="cs-warning-kind">{kindLabel(t, warning)}</span>{' '}
            <code className="cs-warning-preview">{warning.preview}</code>{' '}
            <span className="cs-warning-where">{where(t, warning.location)}</span>
          </li>
        ))}
      </ul>
      {canRedact ? (
        <div className="cs-actions">
          <button
            type="button"
            className="cs-button cs-button-primary"
            aria-disabled={busy || undefined}
            onClick={() => !busy && onRedact()}
          >
            {redacting ? t('share.warnings.redacting') : t('share.warnings.redact')}
          </button>
          <button
            type="button"
            className="cs-button"
            aria-disabled={busy || undefined}
            onClick={() => !busy && onDismiss()}
          >
            {t('share.warnings.dismiss')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
