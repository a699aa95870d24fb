/** The frame of every signed-in page: a skip link, the header with navigation, and <main>. */
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';
import { Link, navigate, useLocation } from '../router.js';
import { useSession } from '../session.js';

const NAV = [
  { to: '/conversations', key: 'nav.conversations' },
  { to: '/links', key: 'nav.links' },
  { to: '/account', key: 'nav.account' },
] as const;
/** Shown to instance admins only. */
const ADMIN_NAV = { to: '/admin', key: 'nav.admin' } as const;

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  // After moving to another page in the app, screen readers start at its content, as after a
  // page load; the first page keeps the browser's own focus.
  const shown = useRef(path);
  useEffect(() => {
    if (shown.current === path) return;
    shown.current = path;
    main.current?.focus({ preventScroll: true });
  }, [path]);
  return (
    <div className="app-shell">
      <a className="app-skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <Link to="/conversations" className="app-brand">
          <svg aria-hidden="true" viewBox="0 0 32 32" width="26" height="26">
            <rect width="32" height="32" rx="8" fill="currentColor" />
            <path
              d="M8 10.5A2.5 2.5 0 0 1 10.5 8h11A2.5 2.5 0 0 1 24 10.5v7a2.5 2.5 0 0 1-2.5 2.5H15l-4.5 4v-4A2.5 2.5 0 0 1 8 17.5z"
              fill="var(--app-bg)"
            />
          </svg>
          <span>chatshare</span>
        </Link>
        <nav className="app-nav" aria-label={t('nav.label')}>
          <ul>
            {(user?.isAdmin ? [...NAV, ADMIN_NAV] : NAV).map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={path.startsWith(item.to) ? 'page' : undefined}>
                  {t(item.key)}
                </Link>
              </li>
            ))}
            <li>
              {/* The public listing is a server page, not part of the app. */}
              <a href="/explore">{t('nav.explore')}</a>
            </li>
          </ul>
        </nav>
        <div className="app-user">
          {user ? <span className="app-user-email">{user.email}</span> : null}
          <button
            type="button"
            className="app-button app-button-quiet"
            onClick={() =>
              void (async () => {
                await signOut();
                navigate('/signin');
              })()
            }
          >
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1} ref={main}>
        {children}
      </main>
    </div>
  );
}
