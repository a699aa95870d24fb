/** The explore page to HTML (small and per request: search results are never cached). */
import { renderToString } from 'react-dom/server';
import { VIEWER_STYLESHEET } from '../render/assets.js';
import { Document } from './Document.js';
import { ExplorePage, type ExploreView } from './ExplorePage.js';
import { translator, type Locale } from './i18n.js';

export function renderExplorePage(view: ExploreView, locale: Locale, publicUrl: string): string {
  const t = translator(locale);
  // The first page of the listing may be indexed; searches and later pages are not (endless variants).
  const indexable = !view.q && !view.paged && view.sort === 'newest';
  return (
    '<!DOCTYPE html>' +
    renderToString(
      <Document
        locale={locale}
        title={t('page.documentTitle', {
          title: view.q ? t('explore.searchTitle', { q: view.q }) : t('explore.title'),
        })}
        robots={indexable ? null : 'noindex, follow'}
        canonical={`${publicUrl}/explore`}
        stylesheets={[VIEWER_STYLESHEET.path]}
      >
        <ExplorePage view={view} locale={locale} t={t} />
      </Document>,
    )
  );
}
