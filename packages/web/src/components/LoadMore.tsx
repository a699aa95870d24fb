import { useI18n } from '../i18n/index.js';
import type { Paged } from './usePaged.js';

/** The button under a paged list that fetches its next page; nothing when there is none. */
export function LoadMore({ list }: { list: Pick<Paged<unknown>, 'hasMore' | 'loading' | 'loadMore'> }) {
  const { t } = useI18n();
  if (!list.hasMore) return null;
  return (
    <p className="app-more">
      <button
        type="button"
        className="app-button"
        aria-disabled={list.loading || undefined}
        onClick={() => void list.loadMore()}
      >
        {list.loading ? t('common.loading') : t('common.loadMore')}
      </button>
    </p>
  );
}
