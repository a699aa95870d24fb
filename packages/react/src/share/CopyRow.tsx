/**
 * A read-only field with its Copy button, and the status line under them that says whether
 * the text is on the clipboard or selected for a manual copy.
 */
import { useState, type ReactNode } from 'react';
import { copyShortcut, type CopyOutcome } from './clipboard.js';
import { useShareI18n } from './i18n/index.js';
import { CopyIcon } from './icons.js';

export interface CopyRowProps {
  /** The field showing the text (with its label when that sits in the row). */
  children: ReactNode;
  /** Called straight from the click, before any await: browsers require it. */
  onCopy: () => Promise<CopyOutcome>;
  buttonLabel: ReactNode;
  /** The row's main action gets the primary style. */
  primary?: boolean;
  /** The string keys for "copied" and for "press {{shortcut}} to copy". */
  messages: { copied: string; manual: string };
}

export function CopyRow({ children, onCopy, buttonLabel, primary, messages }: CopyRowProps) {
  const { t } = useShareI18n();
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);
  const status =
    outcome === 'copied'
      ? t(messages.copied)
      : outcome === 'selected' || outcome === 'failed'
        ? t(messages.manual, { shortcut: copyShortcut() })
        : '';
  return (
    <>
      <div className="cs-link-row">
        {children}
        <button
          type="button"
          className={primary ? 'cs-button cs-button-primary' : 'cs-button'}
          onClick={() => void onCopy().then(setOutcome)}
        >
          <CopyIcon />
          <span>{buttonLabel}</span>
        </button>
      </div>
      <p className="cs-copy-status" role="status">
        {status}
      </p>
    </>
  );
}

/** Selects all of a read-only field when it gets focus, ready for a manual copy. */
export const selectOnFocus = (event: { currentTarget: { select(): void } }) => event.currentTarget.select();
