/**
 * The owner app: providers, then one page per path. Signed-out visitors of a private page go
 * to sign-in with `next` set, and come back after.
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Layout } from './components/Layout.js';
import { I18nProvider, useI18n } from './i18n/index.js';
import { AccountPage } from './pages/AccountPage.js';
import { AuthPage } from './pages/AuthPage.js';
import { ConversationsPage } from './pages/ConversationsPage.js';
import { CopyPage } from './pages/CopyPage.js';
import { LinksPage } from './pages/LinksPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { appHref, navigate, useLocation } from './router.js';
import { SessionProvider, useSession } from './session.js';

// Markdown, highlighting and math are only needed once a conversation is opened.
const ConversationPage = lazy(() => import('./pages/ConversationPage.js'));
// Only instance admins ever open the reports page.
const AdminPage = lazy(() => import('./pages/AdminPage.js').then((module) => ({ default: module.AdminPage })));

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Pages />
      </SessionProvider>
    </I18nProvider>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Loading() {
  const { t } = useI18n();
  return (
    <p className="app-loading" role="status">
      {t('common.loading')}
    </p>
  );
}

function Pages() {
  const { path, query } = useLocation();
  const { user } = useSession();
  if (user === undefined) return <Loading />;

  if (path === '/signin' || path === '/signup') {
    return <AuthPage mode={path === '/signin' ? 'signin' : 'signup'} />;
  }
  if (!user) {
    const here = appHref(path) + (query.size > 0 ? `?${query.toString()}` : '');
    return <Redirect to={`/signin?next=${encodeURIComponent(here)}`} />;
  }
  if (path === '/') return <Redirect to="/conversations" />;

  let page: ReactNode;
  const conversation = /^\/conversations\/([^/]+)$/.exec(path);
  // A share page's "Save a copy", finished once the reader is signed in.
  const copy = /^\/copy\/([^/]+)$/.exec(path);
  if (path === '/conversations') page = <ConversationsPage />;
  else if (conversation) page = <ConversationPage id={decodeURIComponent(conversation[1]!)} />;
  else if (copy) page = <CopyPage code={decodeURIComponent(copy[1]!)} />;
  else if (path === '/links') page = <LinksPage />;
  else if (path === '/account') page = <AccountPage />;
  else if (path === '/admin' && user.isAdmin) page = <AdminPage />;
  else page = <NotFoundPage />;
  return (
    <Layout>
      <Suspense fallback={<Loading />}>{page}</Suspense>
    </Layout>
  );
}
