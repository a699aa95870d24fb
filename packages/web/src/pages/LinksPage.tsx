/**
 * Every link I made: search, sort, filter by state; copy, open, update, rotate (a new code, the
 * old one dead at once), revoke one, revoke all;
 * and the views per day of the one I pick.
 */
import type { ListSharesQuery, Share } from '@chatshare/client';
import { useState } from 'react';
import { attempt, client, type Failure } from '../api.js';
import { Confirm } from '../components/Confirm.js';
import { CopyButton } from '../components/CopyButton.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Notice } from '../components/Notice.js';
import { Page } from '../components/Page.js';
import { PagedList } from '../components/PagedList.js';
import { Segmented } from '../components/Segmented.js';
import { pickChoice, useQueryChoice } from '../components/query-choice.js';
import { SearchField, useSearch } from '../components/SearchField.js';
import { usePaged } from '../components/usePaged.js';
import { ViewsChart } from '../components/ViewsChart.js';
import { useI18n } from '../i18n/index.js';
import { Link, setQuery, useLocation } from '../router.js';

type Sort = NonNullable<ListSharesQuery['sort']>;
type Status = NonNullable<ListSharesQuery['status']>;
const SORTS: Sort[] = ['created', 'updated', 'views', 'title'];
const STATUSES: Status[] = ['live', 'revoked', 'all'];
const PAGE = 20;

export function LinksPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const search = useSearch();
  const { q } = search;
  const sort = pickChoice(query.get('sort'), SORTS, 'created');
  const order = pickChoice(query.get('order'), ['asc', 'desc'] as const, sort === 'title' ? 'asc' : 'desc');
  const [status, setStatus] = useQueryChoice('status', STATUSES, 'live');
  const chartFor = query.get('views');
  const list = usePaged<Share>(
    (cursor) => client.shares.list({ q, sort, order, status, limit: PAGE, ...(cursor ? { cursor } : {}) }),
    JSON.stringify([q, sort, order, status]),
  );
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<Failure | null>(null);
  const [revokingAll, setRevokingAll] = useState(false);

  const replace = (share: Share) =>
    list.update((items) =>
      status === 'live' && share.settings.status === 'revoked'
        ? items.filter((item) => item.settings.id !== share.settings.id)
        : items.map((item) => (item.settings.id === share.settings.id ? share : item)),
    );

  const revokeAll = async () => {
    setRevokingAll(true);
    setError(null);
    const result = await attempt(() => client.shares.revokeAll());
    setRevokingAll(false);
    if (!result.ok) return setError(result.error);
    setNotice(t('links.revokedAll', { count: result.value.revoked }));
    await list.reload();
  };

  return (
    <Page
      id="links"
      title={t('links.title')}
      actions={
        status !== 'revoked' ? (
          <Confirm
            label={t('links.revokeAll')}
            question={t('links.revokeAllQuestion')}
            confirmLabel={t('links.revokeAllConfirm')}
            busy={revokingAll}
            onConfirm={revokeAll}
          />
        ) : null
      }
    >
      <form className="app-toolbar" role="search" onSubmit={(event) => event.preventDefault()}>
        <SearchField
          id="link-search"
          label={t('links.search')}
          placeholder={t('links.searchPlaceholder')}
          {...search.field}
        />
        <div className="app-field app-field-inline">
          <label htmlFor="link-sort">{t('links.sort')}</label>
          <select
            id="link-sort"
            value={`${sort}:${order}`}
            onChange={(event) => {
              const [nextSort, nextOrder] = event.target.value.split(':');
              setQuery({ sort: nextSort!, order: nextOrder! });
            }}
          >
            {SORTS.flatMap((value) =>
              (value === 'title' ? (['asc', 'desc'] as const) : (['desc', 'asc'] as const)).map((direction) => (
                <option key={`${value}:${direction}`} value={`${value}:${direction}`}>
                  {t(`links.sortBy.${value}.${direction}`)}
                </option>
              )),
            )}
          </select>
        </div>
        <Segmented
          legend={t('links.show')}
          name="link-status"
          options={STATUSES}
          value={status}
          label={(value) => t(`links.status.${value}`)}
          onChange={setStatus}
        />
      </form>

      <Notice text={notice} />
      <PagedList
        list={list}
        error={error}
        label={t('links.title')}
        className="app-links"
        countText={t('links.count', { count: list.items.length })}
        emptyText={q ? t('links.noMatch', { q }) : t(`links.empty.${status}`)}
      >
        {(share) => (
          <LinkItem
            key={share.settings.id}
            share={share}
            chartOpen={chartFor === share.settings.id}
            onToggleChart={() => setQuery({ views: chartFor === share.settings.id ? null : share.settings.id })}
            onChanged={(changed, message) => {
              replace(changed);
              setNotice(message);
            }}
          />
        )}
      </PagedList>
    </Page>
  );
}

type Action = 'refresh' | 'rotate' | 'revoke';

function LinkItem({
  share,
  chartOpen,
  onToggleChart,
  onChanged,
}: {
  share: Share;
  chartOpen: boolean;
  onToggleChart: () => void;
  onChanged: (share: Share, message: string) => void;
}) {
  const { t, formatDate, formatNumber } = useI18n();
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const { settings, policies } = share;
  const title = settings.title || t('conversations.untitled');
  const chartId = `views-${settings.id}`;
  const live = settings.status !== 'revoked';

  const act = async (kind: Action, call: () => Promise<Share>, message: string) => {
    if (busy) return;
    setBusy(kind);
    setError(null);
    const result = await attempt(call);
    setBusy(null);
    if (result.ok) onChanged(result.value, message);
    else setError(result.error);
  };

  /** "New link" and "Revoke": each asks first, then kills the current address at once. */
  const confirmed = (kind: 'rotate' | 'revoke', done: string, className?: string) => (
    <Confirm
      label={t(`links.${kind}`)}
      ariaLabel={t(`links.${kind}Named`, { title })}
      question={t(`links.${kind}Question`)}
      confirmLabel={t(`links.${kind}Confirm`)}
      className={className}
      busy={busy !== null}
      onConfirm={() => act(kind, () => client.shares[kind](settings.id), done)}
    />
  );

  return (
    <li className={`app-link${live ? '' : ' app-link-revoked'}`}>
      <div className="app-link-head">
        <h2 className="app-link-title">
          {settings.conversationId && live ? (
            <Link to={`/conversations/${encodeURIComponent(settings.conversationId)}`}>{title}</Link>
          ) : (
            title
          )}
        </h2>
        <ul className="app-badges" aria-label={t('links.properties')}>
          {settings.status !== 'live' ? (
            <li className={`app-badge app-badge-${settings.status === 'revoked' ? 'danger' : 'warn'}`}>
              {t(`links.state.${settings.status}`)}
            </li>
          ) : null}
          {settings.takenDown && live ? (
            <li className="app-badge app-badge-danger">{t('links.state.takenDown')}</li>
          ) : null}
          <li className={`app-badge app-badge-${settings.privacy}`}>{t(`links.privacy.${settings.privacy}`)}</li>
          {settings.hasPassword ? <li className="app-badge">{t('links.password')}</li> : null}
          {settings.expiresAt && settings.status === 'live' ? (
            <li className="app-badge">{t('links.expires', { date: formatDate(settings.expiresAt, true) })}</li>
          ) : null}
          {settings.maxViews !== null ? (
            <li className="app-badge">{t('links.maxViews', { count: settings.maxViews })}</li>
          ) : null}
        </ul>
      </div>
      <p className="app-link-url">
        <code>{share.shareUrl}</code>
      </p>
      {settings.takenDown && live ? (
        <p className="app-error">{t('links.takenDown', { reason: settings.takenDown.reason })}</p>
      ) : null}
      <dl className="app-link-stats">
        <div>
          <dt>{t('links.views')}</dt>
          <dd>{formatNumber(settings.viewCount)}</dd>
        </div>
        <div>
          <dt>{t('links.created')}</dt>
          <dd>{formatDate(settings.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('links.updated')}</dt>
          <dd>{formatDate(settings.updatedAt)}</dd>
        </div>
        {!live && settings.revokedAt ? (
          <div>
            <dt>{t('links.revokedOn')}</dt>
            <dd>{formatDate(settings.revokedAt)}</dd>
          </div>
        ) : null}
      </dl>
      <div className="app-link-actions" role="group" aria-label={t('links.actionsFor', { title })}>
        {live ? (
          <>
            <CopyButton text={share.shareUrl} label={t('links.copyNamed', { title })} />
            <a
              className="app-button"
              href={share.shareUrl}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={t('links.openNamed', { title })}
            >
              {t('links.open')}
            </a>
          </>
        ) : null}
        <button
          type="button"
          className="app-button"
          aria-expanded={chartOpen}
          aria-controls={chartOpen ? chartId : undefined}
          aria-label={t('links.viewsNamed', { title })}
          onClick={onToggleChart}
        >
          {t('links.viewsChart')}
        </button>
        {live && policies.update ? (
          <button
            type="button"
            className="app-button"
            aria-disabled={busy !== null || undefined}
            aria-label={t('links.refreshNamed', { title })}
            onClick={() =>
              void act(
                'refresh',
                () => client.shares.update(settings.id, { refresh: true }),
                t('links.refreshed', { title }),
              )
            }
          >
            {busy === 'refresh' ? t('common.working') : t('links.refresh')}
          </button>
        ) : null}
        {live && policies.update ? confirmed('rotate', t('links.rotated', { title }), 'app-button') : null}
        {live && policies.revoke ? confirmed('revoke', t('links.revoked', { title })) : null}
      </div>
      <ErrorMessage error={error} />
      {chartOpen ? (
        <div id={chartId} className="app-link-chart">
          <ViewsChart shareId={settings.id} title={title} />
        </div>
      ) : null}
    </li>
  );
}
