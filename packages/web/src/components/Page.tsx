/**
 * A page of the app under its one heading, which also names the page for screen readers and
 * the browser tab; `actions` sit next to the heading.
 */
import type { ReactNode } from 'react';
import { usePageTitle } from './usePageTitle.js';
import { VerifyBanner } from './VerifyBanner.js';

export interface PageProps {
  /** Makes the heading's id (`{id}-heading`). */
  id: string;
  title: string;
  /** Shows the "confirm your email" note first (pages whose use needs a confirmed address). */
  verifyBanner?: boolean;
  actions?: ReactNode;
  children: ReactNode;
}

export function Page({ id, title, verifyBanner = false, actions, children }: PageProps) {
  usePageTitle(title);
  return (
    <section className="app-page" aria-labelledby={`${id}-heading`}>
      {verifyBanner ? <VerifyBanner /> : null}
      <div className="app-page-header">
        <h1 id={`${id}-heading`}>{title}</h1>
        {actions}
      </div>
      {children}
    </section>
  );
}
