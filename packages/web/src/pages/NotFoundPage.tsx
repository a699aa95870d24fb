import { usePageTitle } from '../components/usePageTitle.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';

export function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(t('notFound.title'));
  return (
    <section className="app-page">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/conversations">{t('nav.conversations')}</Link>
      </p>
    </section>
  );
}
