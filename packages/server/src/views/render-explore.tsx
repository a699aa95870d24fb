/** The explore page to HTML (small and per request: search results are never cached). */
import { ExplorePage, type ExploreView } from './ExplorePage.js';
import { translator, type Locale } from './i18n.js';
import { renderPlainPage } from './render.js';

export function renderExplorePage(view: ExploreView, locale: Locale, publicUrl: string): string {
  const t = translator(locale);
  // The first page of the listing may be indexed; searches and later pages are not (endless variants).
  const indexable = !view.q && !view.paged && view.sort === 'newest';
  return renderPlainPage(
    {
      locale,
      title: t('page.documentTitle', {
        title: view.q ? t('explore.searchTitle', { q: view.q }) : t('explore.title'),
      }),
      robots: indexable ? null : 'noindex, follow',
      canonical: `${publicUrl}/explore`,
    },
    <ExplorePage view={view} locale={locale} t={t} />,
  );
}
