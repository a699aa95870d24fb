/**
 * The explore page: public shares, newest or most viewed, and full-text search with the
 * matched words marked. Works without JavaScript (a GET form and plain links). Every text
 * here came from a conversation and is rendered as text: matches are `<mark>` around
 * segments, never HTML from the database.
 */
import { sharePath } from '@chatshare/core';
import type { Translate } from '@chatshare/react';
import type { ExploreItem } from '../presenters/explore.js';
import type { ExploreSort } from '../search/explore-repository.js';
import { Frame } from './Frame.js';
import type { Locale } from './i18n.js';

export interface ExploreView {
  q: string;
  sort: ExploreSort;
  items: ExploreItem[];
  nextCursor: string | null;
  /** Whether this is a later page (a "first page" link is shown). */
  paged: boolean;
  badCursor: boolean;
}

type Segments = ExploreItem['excerpt'];

function Highlighted({ segments }: { segments: Segments }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.text === '' ? null : segment.match ? (
          <mark key={index}>{segment.text}</mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}

/** `/explore` with these parameters; empty ones left out so links stay short. */
export function exploreHref(params: { q?: string; sort?: ExploreSort; cursor?: string | null }) {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.sort) search.set('sort', params.sort);
  if (params.cursor) search.set('cursor', params.cursor);
  const query = search.toString();
  return query ? `/explore?${query}` : '/explore';
}

function SortLinks({ view, t }: { view: ExploreView; t: Translate }) {
  const sorts: ExploreSort[] = view.q ? ['relevance', 'newest', 'views'] : ['newest', 'views'];
  return (
    <nav className="explore-sorts" aria-label={t('explore.sortLabel')}>
      {sorts.map((sort) => (
        <a
          key={sort}
          href={exploreHref({ q: view.q, ...(sort === (view.q ? 'relevance' : 'newest') ? {} : { sort }) })}
          aria-current={sort === view.sort ? 'page' : undefined}
        >
          {t(`explore.sort.${sort}`)}
        </a>
      ))}
    </nav>
  );
}

function ResultItem({ item, locale, t }: { item: ExploreItem; locale: Locale; t: Translate }) {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(item.publishedAt),
  );
  const excerpt = item.excerpt.some((segment) => segment.text.trim() !== '');
  return (
    <li className="explore-item">
      <h2 className="explore-item-title">
        <a href={sharePath(item.shortCode)}>
          {item.title ? <Highlighted segments={item.titleHighlights} /> : t('view.untitled')}
        </a>
      </h2>
      {excerpt ? (
        <p className="explore-excerpt">
          <Highlighted segments={item.excerpt} />
        </p>
      ) : null}
      <p className="explore-meta">
        <span>{t('explore.messages', { count: item.messageCount })}</span>
        {item.models.length > 0 ? <span className="explore-models">{item.models.join(', ')}</span> : null}
        <span>{t('explore.views', { count: item.views })}</span>
        <time dateTime={item.publishedAt}>{date}</time>
        {item.sharedBy ? <span>{t('explore.by', { name: item.sharedBy })}</span> : null}
      </p>
    </li>
  );
}

export function ExplorePage({ view, locale, t }: { view: ExploreView; locale: Locale; t: Translate }) {
  return (
    <Frame t={t}>
      <section className="explore">
        <h1>{t('explore.title')}</h1>
        <p className="explore-intro">{t('explore.intro')}</p>
        <form className="explore-search" method="get" action="/explore" role="search">
          <label htmlFor="explore-q" className="cs-visually-hidden">
            {t('explore.searchLabel')}
          </label>
          <input
            id="explore-q"
            name="q"
            type="search"
            defaultValue={view.q}
            maxLength={200}
            placeholder={t('explore.searchPlaceholder')}
          />
          <button type="submit">{t('explore.searchButton')}</button>
        </form>
        <SortLinks view={view} t={t} />
        {view.badCursor ? (
          <p className="explore-empty" role="alert">
            {t('explore.badCursor')} <a href={exploreHref({ q: view.q, sort: view.sort })}>{t('explore.first')}</a>
          </p>
        ) : null}
        {view.items.length > 0 ? (
          <ol className="explore-list" aria-label={t('explore.results')}>
            {view.items.map((item) => (
              <ResultItem key={item.shortCode} item={item} locale={locale} t={t} />
            ))}
          </ol>
        ) : view.badCursor ? null : (
          <p className="explore-empty">
            {view.q ? (
              <>
                {t('explore.noResults', { q: view.q })} <a href="/explore">{t('explore.clear')}</a>
              </>
            ) : (
              t('explore.empty')
            )}
          </p>
        )}
        {view.paged || view.nextCursor ? (
          <nav className="explore-pages" aria-label={t('explore.pagesLabel')}>
            {view.paged ? <a href={exploreHref({ q: view.q, sort: view.sort })}>{t('explore.first')}</a> : <span />}
            {view.nextCursor ? (
              <a rel="next" href={exploreHref({ q: view.q, sort: view.sort, cursor: view.nextCursor })}>
                {t('explore.next')}
              </a>
            ) : null}
          </nav>
        ) : null}
      </section>
    </Frame>
  );
}
