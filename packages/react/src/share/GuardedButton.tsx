/**
 * A button that stays focusable while a request runs: `aria-disabled` instead of `disabled`
 * (a disabled button drops the keyboard focus of the person who just pressed it), and a press
 * while busy does nothing.
 */
import { forwardRef, type ReactNode } from 'react';

export interface GuardedButtonProps {
  busy: boolean;
  className: string;
  /** Left out for a submit button, whose form decides what pressing it does. */
  onPress?: () => void;
  type?: 'button' | 'submit';
  children: ReactNode;
}

// forwardRef rather than a `ref` prop: the kit still supports React 18.
export const GuardedButton = forwardRef<HTMLButtonElement, GuardedButtonProps>(function GuardedButton(
  { busy, className, onPress, type = 'button', children },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      className={className}
      aria-disabled={busy || undefined}
      onClick={
        onPress
          ? () => {
              if (!busy) onPress();
            }
          : undefined
      }
    >
      {children}
    </button>
  );
});
