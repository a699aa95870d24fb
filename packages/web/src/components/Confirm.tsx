/**
 * A destructive action behind an inline confirmation: the first button asks, the question
 * appears in place with "confirm" and "cancel", and focus moves to cancel (the safe choice)
 * and back to the first button when cancelled. No window.confirm.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';

export interface ConfirmProps {
  /** The first button's label. */
  label: ReactNode;
  /** The question, e.g. "Delete this conversation? Its link stops working." */
  question: ReactNode;
  confirmLabel: ReactNode;
  onConfirm: () => void | Promise<void>;
  busy?: boolean;
  className?: string;
  /** An accessible name for the first button when its label is short ("Revoke" next to many links). */
  ariaLabel?: string;
}

export function Confirm({
  label,
  question,
  confirmLabel,
  onConfirm,
  busy = false,
  className,
  ariaLabel,
}: ConfirmProps) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const ask = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const was = useRef(false);
  useEffect(() => {
    if (asking && !was.current) cancel.current?.focus();
    if (!asking && was.current) ask.current?.focus();
    was.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={ask}
        type="button"
        className={className ?? 'app-button app-button-danger-quiet'}
        aria-label={ariaLabel}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span
      className="app-confirm"
      role="group"
      aria-label={typeof question === 'string' ? question : undefined}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          setAsking(false);
        }
      }}
    >
      <span className="app-confirm-question">{question}</span>
      <button
        type="button"
        className="app-button app-button-danger"
        aria-disabled={busy || undefined}
        onClick={() =>
          void (async () => {
            if (busy) return;
            await onConfirm();
            setAsking(false);
          })()
        }
      >
        {confirmLabel}
      </button>
      <button ref={cancel} type="button" className="app-button" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
