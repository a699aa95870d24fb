/**
 * An accessible modal dialog shell: rendered into `document.body`, `role="dialog"` with
 * `aria-modal`, labelled by its heading; focus moves in on open, Tab and Shift+Tab cycle
 * inside, focus that escapes is brought back, Escape closes, and on close focus returns to
 * whatever opened it. A `<div>` rather than `<dialog>`: `showModal()` is still missing or
 * uneven in the embedded webviews and test DOMs this kit runs in.
 */
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

export interface ModalProps {
  /** The id of the element naming the dialog (its heading). */
  labelledBy: string;
  describedBy?: string;
  /** Escape, the backdrop and the close button call this. */
  onClose: () => void;
  /** Handles Escape instead of `onClose` (e.g. to cancel a confirmation step first). */
  onEscape?: () => void;
  /** Receives focus on open; default the first focusable element. */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** Gets focus back on close; default the element focused before the dialog opened. */
  returnFocusRef?: RefObject<HTMLElement | null>;
  className?: string;
  children: ReactNode;
}

const TABBABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** What Tab can reach inside `root`, in order; of a radio group only the checked radio (or the first). */
export function tabbables(root: HTMLElement): HTMLElement[] {
  const all = [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (element) => !element.closest('[hidden], [inert]') && element.tabIndex >= 0,
  );
  const groups = new Map<string, HTMLInputElement[]>();
  for (const element of all) {
    if (element instanceof HTMLInputElement && element.type === 'radio' && element.name) {
      groups.set(element.name, [...(groups.get(element.name) ?? []), element]);
    }
  }
  return all.filter((element) => {
    if (!(element instanceof HTMLInputElement) || element.type !== 'radio' || !element.name) return true;
    const group = groups.get(element.name)!;
    const checked = group.find((radio) => radio.checked);
    return checked ? element === checked : element === group[0];
  });
}

export function Modal({
  labelledBy,
  describedBy,
  onClose,
  onEscape,
  initialFocusRef,
  returnFocusRef,
  className,
  children,
}: ModalProps) {
  const dialogRef = useRef<HTMLDivElement>(null);
  // Handlers and refs change every render; the listeners below are installed once and read these.
  const latest = useRef({ onClose, onEscape, initialFocusRef, returnFocusRef });
  latest.current = { onClose, onEscape, initialFocusRef, returnFocusRef };

  useEffect(() => {
    const dialog = dialogRef.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const focusFirst = () => (tabbables(dialog)[0] ?? dialog).focus();
    (latest.current.initialFocusRef?.current ?? tabbables(dialog)[0] ?? dialog).focus();

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        (latest.current.onEscape ?? latest.current.onClose)();
        return;
      }
      if (event.key !== 'Tab') return;
      const items = tabbables(dialog);
      if (items.length === 0) {
        event.preventDefault();
        dialog.focus();
        return;
      }
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const active = document.activeElement;
      // Wrap at the ends; also catch focus that fell out (onto <body>, say, when the focused
      // button disappeared) and put it back at the edge Tab was heading for.
      const inside = active instanceof Node && dialog.contains(active) && active !== dialog;
      if (event.shiftKey && (!inside || active === first)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (!inside || active === last)) {
        event.preventDefault();
        first.focus();
      }
    };
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof Node && !dialog.contains(event.target)) focusFirst();
    };
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn);
    const overflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusin', onFocusIn);
      document.body.style.overflow = overflow;
      const target = latest.current.returnFocusRef?.current ?? opener;
      if (target && target.isConnected) target.focus();
    };
    // Installed once per opening; the handlers are read through `latest`, the refs when used.
  }, []);

  // A server render (Next.js, renderToString) has no document: the dialog opens on the client.
  if (typeof document === 'undefined') return null;
  return createPortal(
    <div className="cs-share cs-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={dialogRef}
        className={['cs-dialog', className].filter(Boolean).join(' ')}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        tabIndex={-1}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
