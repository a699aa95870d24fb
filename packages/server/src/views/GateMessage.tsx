import type { ReactNode } from 'react';

/**
 * The text of a gate, report or verification page, then what it shows beside the text
 * (`children`), then the one way on (`action`) as the page's button-styled link.
 */
export function GateMessage({
  body,
  action,
  children,
}: {
  body: string;
  action?: { href: string; label: string };
  children?: ReactNode;
}) {
  return (
    <>
      <p>{body}</p>
      {children}
      {action ? (
        <p>
          <a className="gate-button" href={action.href}>
            {action.label}
          </a>
        </p>
      ) : null}
    </>
  );
}
