/** My conversations: import, search, page through, open, share. */
import type { ConversationSummary } from '@chatshare/client';
import { ShareDialog } from '@chatshare/react';
import { useRef, useState } from 'react';
import { client } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { LoadMore } from '../components/LoadMore.js';
import { SearchField } from '../components/SearchField.js';
import { useDebounced } from '../components/useDebounced.js';
import { usePageTitle } from '../components/usePageTitle.js';
import { usePaged } from '../components/usePaged.js';
import { VerifyBanner } from '../components/VerifyBanner.js';
import { countsText } from '../conversation-counts.js';
import { useI18n } from '../i18n/index.js';
import { Link, useLocation } from '../router.js';
import { ImportPanel } from './ImportPanel.js';

const PAGE = 20;

export function ConversationsPage() {
  const { t, formatDate } = useI18n();
  const { query } = useLocation();
  const [search, setSearch] = useState(query.get('q') ?? '');
  const q = useDebounced(search.trim());
  const list = usePaged<ConversationSummary>(
    (cursor) => client.conversations.list({ q, limit: PAGE, ...(cursor ? { cursor } : {}) }),
    q,
  );
  const [sharing, setSharing] = useState<ConversationSummary | null>(null);
  const shareButtons = useRef(new Map<string, HTMLButtonElement>());
  usePageTitle(t('conversations.title'));

  return (
    <section className="app-page" aria-labelledby="conversations-heading">
      <VerifyBanner />
      <div className="app-page-header">
        <h1 id="conversations-heading">{t('conversations.title')}</h1>
      </div>
      <ImportPanel onImported={() => void list.reload()} />

      <div className="app-toolbar">
        <SearchField
          id="conversation-search"
          label={t('conversations.search')}
          placeholder={t('conversations.searchPlaceholder')}
          value={search}
          onChange={setSearch}
        />
      </div>

      <ErrorMessage error={list.error} />
      <p className="app-visually-hidden" role="status">
        {list.loading ? t('common.loading') : t('conversations.count', { count: list.items.length })}
      </p>
      {!list.loading && list.items.length === 0 && !list.error ? (
        <p className="app-empty">{q ? t('conversations.noMatch', { q }) : t('conversations.empty')}</p>
      ) : null}
      <ul className="app-list" aria-label={t('conversations.title')}>
        {list.items.map((item) => (
          <li key={item.id} className="app-row">
            <div className="app-row-main">
              <Link to={`/conversations/${encodeURIComponent(item.id)}`} className="app-row-title">
                {item.title || t('conversations.untitled')}
              </Link>
              <p className="app-row-meta">
                {countsText(t, item)} · {t(`format.${item.sourceFormat}`, { defaultValue: item.sourceFormat })} ·{' '}
                {t('conversations.updated', { date: formatDate(item.updatedAt) })}
              </p>
            </div>
            <div className="app-row-actions">
              <button
                type="button"
                className="app-button"
                ref={(element) => {
                  if (element) shareButtons.current.set(item.id, element);
                  else shareButtons.current.delete(item.id);
                }}
                aria-label={t('conversations.shareNamed', { title: item.title || t('conversations.untitled') })}
                onClick={() => setSharing(item)}
              >
                {t('conversations.share')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <LoadMore list={list} />

      <ShareDialog
        client={client}
        open={sharing !== null}
        conversationId={sharing?.id ?? ''}
        conversationTitle={sharing?.title ?? ''}
        onClose={() => setSharing(null)}
        returnFocusRef={{ current: sharing ? (shareButtons.current.get(sharing.id) ?? null) : null }}
      />
    </section>
  );
}
