/**
 * What the server's secret scan found, in two places. `SecretsChoice` comes before any link
 * exists: it lists the findings and replaces "Create link" with "Redact and share" / "Share as
 * is", so nothing is published until the owner decides. `SecretWarnings` is for a live link
 * whose shared copy still shows secrets (reopened, or shared as is): the link is already
 * readable, the text says so, and "Redact" replaces them under the same code.
 */
import type { SecretWarning } from '@chatshare/client';
import type { ReactNode } from 'react';
import { GuardedButton } from './GuardedButton.js';
import { useShareI18n, type ShareTranslate } from './i18n/index.js';
import { WarningIcon } from './icons.js';
import { Section } from './Section.js';

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

/** Each finding as its kind, the server's masked excerpt and where it is; never the secret itself. */
export function SecretList({ warnings }: { warnings: SecretWarning[] }) {
  const { t } = useShareI18n();
  return (
    <ul className="cs-warning-list">
      {warnings.map((warning, index) => (
        <li key={`${warning.location}-${index}`}>
          <span className="cs-warning-kind">{kindLabel(t, warning)}</span>{' '}
          <code className="cs-warning-preview">{warning.preview}</code>{' '}
          <span className="cs-warning-where">{where(t, warning.location)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The findings under the warning heading, with the sentence that says what they mean. */
function FindingsSection(props: { className: string; explain: ReactNode; children: ReactNode }) {
  const { t } = useShareI18n();
  return (
    <Section
      {...props}
      headingClassName="cs-warnings-heading"
      heading={
        <>
          <WarningIcon />
          <span>{t('share.warnings.heading')}</span>
        </>
      }
    />
  );
}

export interface SecretsChoiceProps {
  /** The scan's findings (none of them redacted yet). */
  secrets: SecretWarning[];
  busy: boolean;
  /** Which of the two the person chose, while the link is being made. */
  choosing: 'redact' | 'asIs' | null;
  /** "Share as is"; "Redact and share" is the form's submit button, so Enter takes the safe choice. */
  onShareAsIs: () => void;
  /**
   * For an update of a live link (outside the form): "Redact and update" calls this, and the
   * labels say "update" rather than "share".
   */
  onRedact?: () => void;
}

/** Rendered inside the settings form in place of "Create link". */
export function SecretsChoice({ secrets, busy, choosing, onShareAsIs, onRedact }: SecretsChoiceProps) {
  const { t } = useShareI18n();
  const update = onRedact !== undefined;
  return (
    <FindingsSection
      className="cs-warnings cs-warnings-before"
      explain={t(update ? 'share.warnings.explainUpdate' : 'share.warnings.explainBefore')}
    >
      <SecretList warnings={secrets} />
      <div className="cs-actions">
        <GuardedButton
          type={update ? 'button' : 'submit'}
          busy={busy}
          className="cs-button cs-button-primary"
          // Without `onRedact` this is the form's submit button.
          onPress={onRedact}
        >
          {choosing === 'redact'
            ? t('share.warnings.redacting')
            : t(update ? 'share.warnings.redactUpdate' : 'share.warnings.redact')}
        </GuardedButton>
        <GuardedButton busy={busy} className="cs-button" onPress={onShareAsIs}>
          {choosing === 'asIs'
            ? t(update ? 'share.saving' : 'share.creating')
            : t(update ? 'share.warnings.updateAsIs' : 'share.warnings.shareAsIs')}
        </GuardedButton>
      </div>
    </FindingsSection>
  );
}

export function SecretWarnings({ warnings, busy, redacting, canRedact, onRedact, onDismiss }: SecretWarningsProps) {
  const { t } = useShareI18n();
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
    <FindingsSection className="cs-warnings" explain={t('share.warnings.explain')}>
      <SecretList warnings={open} />
      {canRedact ? (
        <div className="cs-actions">
          <GuardedButton busy={busy} className="cs-button cs-button-primary" onPress={onRedact}>
            {redacting ? t('share.warnings.redacting') : t('share.warnings.redactLive')}
          </GuardedButton>
          <GuardedButton busy={busy} className="cs-button" onPress={onDismiss}>
            {t('share.warnings.dismiss')}
          </GuardedButton>
        </div>
      ) : null}
    </FindingsSection>
  );
}
