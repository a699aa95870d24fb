/**
 * A paged list with what goes around it: the failure, a count announced to screen readers,
 * the sentence for no rows, and "load more".
 */
import type { ReactNode } from 'react';
import type { Failure } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { ErrorMessage } from './ErrorMessage.js';
import { LoadMore } from './LoadMore.js';
import type { Paged } from './usePaged.js';

export interface PagedListProps<T> {
  list: Paged<T>;
  /** Names the list. */
  label: string;
  className: string;
  /** Announced once the rows are in, e.g. "3 links". */
  countText: string;
  /** Shown when there are no rows (and nothing failed). */
  emptyText: string;
  /** A failure of the page's own to show instead of the list's. */
  error?: Failure | null;
  /** One row, with its key. */
  children: (item: T) => ReactNode;
}

export function PagedList<T>({ list, label, className, countText, emptyText, error, children }: PagedListProps<T>) {
  const { t } = useI18n();
  return (
    <>
      <ErrorMessage error={error ?? list.error} />
      <p className="cs-visually-hidden" role="status">
        {list.loading ? t('common.loading') : countText}
      </p>
      {!list.loading && list.items.length === 0 && !list.error ? <p className="app-empty">{emptyText}</p> : null}
      <ul className={className} aria-label={label}>
        {list.items.map(children)}
      </ul>
      <LoadMore list={list} />
    </>
  );
}
