import type { Translate } from '@chatshare/react';
import type { ReactNode } from 'react';

/** The instance's bar on top, the page in the middle, the "shared from" footer below. */
export function Frame({ t, children }: { t: Translate; children: ReactNode }) {
  return (
    <div className="site">
      <header className="site-bar">
        <a className="site-home" href="/" aria-label={t('page.homeLabel')}>
          <span className="site-logo" aria-hidden="true" />
          {t('page.home')}
        </a>
      </header>
      <main className="site-main">{children}</main>
      <footer className="site-footer">
        <span>{t('page.sharedFrom')}</span>
        <span aria-hidden="true"> · </span>
        <a href="/app/">{t('page.startYourOwn')}</a>
      </footer>
    </div>
  );
}
