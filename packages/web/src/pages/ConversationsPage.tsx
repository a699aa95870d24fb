/** My conversations: import, search, page through, open, share. */
import type { ConversationSummary } from '@chatshare/client';
import { ShareDialog } from '@chatshare/react';
import { useRef, useState } from 'react';
import { client } from '../api.js';
import { Page } from '../components/Page.js';
import { PagedList } from '../components/PagedList.js';
import { SearchField, useSearch } from '../components/SearchField.js';
import { usePaged } from '../components/usePaged.js';
import { countsText } from '../conversation-counts.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { ImportPanel } from './ImportPanel.js';

const PAGE = 20;

export function ConversationsPage() {
  const { t, formatDate } = useI18n();
  const search = useSearch();
  const { q } = search;
  const list = usePaged<ConversationSummary>(
    (cursor) => client.conversations.list({ q, limit: PAGE, ...(cursor ? { cursor } : {}) }),
    q,
  );
  const [sharing, setSharing] = useState<ConversationSummary | null>(null);
  const shareButtons = useRef(new Map<string, HTMLButtonElement>());

  return (
    <Page id="conversations" title={t('conversations.title')} verifyBanner>
      <ImportPanel onImported={() => void list.reload()} />

      <div className="app-toolbar">
        <SearchField
          id="conversation-search"
          label={t('conversations.search')}
          placeholder={t('conversations.searchPlaceholder')}
          {...search.field}
        />
      </div>

      <PagedList
        list={list}
        label={t('conversations.title')}
        className="app-list"
        countText={t('conversations.count', { count: list.items.length })}
        emptyText={q ? t('conversations.noMatch', { q }) : t('conversations.empty')}
      >
        {(item) => (
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
        )}
      </PagedList>

      <ShareDialog
        client={client}
        open={sharing !== null}
        conversationId={sharing?.id ?? ''}
        conversationTitle={sharing?.title ?? ''}
        onClose={() => setSharing(null)}
        returnFocusRef={{ current: sharing ? (shareButtons.current.get(sharing.id) ?? null) : null }}
      />
    </Page>
  );
}
