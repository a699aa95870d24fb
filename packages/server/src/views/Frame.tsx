import type { Translate } from '@chatshare/react';
import type { ReactNode } from 'react';

/** The instance's bar: its home and explore. `atHome` marks the home link as the current page. */
export function SiteBar({ t, atHome = false }: { t: Translate; atHome?: boolean }) {
  return (
    <header className="site-bar">
      <a className="site-home" href="/" aria-current={atHome ? 'page' : undefined} aria-label={t('page.homeLabel')}>
        <span className="site-logo" aria-hidden="true" />
        {t('page.home')}
      </a>
      <a className="site-explore" href="/explore">
        {t('explore.nav')}
      </a>
    </header>
  );
}

/**
 * The instance's bar on top, the page in the middle, the "shared from" footer below; a
 * conversation's page adds a "Report" link there for everyone but its owner.
 */
export function Frame({ t, children, reportUrl }: { t: Translate; children: ReactNode; reportUrl?: string | null }) {
  return (
    <div className="site">
      <SiteBar t={t} />
      <main className="site-main">{children}</main>
      <footer className="site-footer">
        <span>{t('page.sharedFrom')}</span>
        <span aria-hidden="true"> · </span>
        <a href="/app/">{t('page.startYourOwn')}</a>
        {reportUrl ? (
          <>
            <span aria-hidden="true"> · </span>
            <a href={reportUrl} rel="nofollow">
              {t('report.link')}
            </a>
          </>
        ) : null}
      </footer>
    </div>
  );
}
