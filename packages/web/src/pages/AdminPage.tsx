/**
 * The instance admin's page: reports of links (open ones first), and for each the link it is
 * about, with "take down" (asks for the reason its owner will read), "dismiss" and "restore".
 * Only admins get here from the navigation; the API answers 403 to anyone else.
 */
import type { ListReportsQuery, ModeratedShare, Report } from '@chatshare/client';
import { LIMITS } from '@chatshare/core';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { attempt, client, type Failure } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Notice } from '../components/Notice.js';
import { Page } from '../components/Page.js';
import { PagedList } from '../components/PagedList.js';
import { useQueryChoice } from '../components/query-choice.js';
import { Segmented } from '../components/Segmented.js';
import { usePaged } from '../components/usePaged.js';
import { useI18n } from '../i18n/index.js';

type Status = NonNullable<ListReportsQuery['status']>;
const STATUSES: Status[] = ['open', 'resolved', 'all'];
const PAGE = 20;

export function AdminPage() {
  const { t } = useI18n();
  const [status, setStatus] = useQueryChoice('status', STATUSES, 'open');
  const list = usePaged<Report>(
    (cursor) => client.admin.reports({ status, limit: PAGE, ...(cursor ? { cursor } : {}) }),
    status,
  );
  const [notice, setNotice] = useState('');

  const changed = async (message: string) => {
    setNotice(message);
    // Counts and states of other reports of the same link change too: read the page again.
    await list.reload();
  };

  return (
    <Page id="admin" title={t('admin.title')}>
      <p className="app-hint">{t('admin.intro')}</p>
      <form className="app-toolbar" onSubmit={(event) => event.preventDefault()}>
        <Segmented
          legend={t('admin.show')}
          name="report-status"
          options={STATUSES}
          value={status}
          label={(value) => t(`admin.status.${value}`)}
          onChange={setStatus}
        />
      </form>

      <Notice text={notice} />
      <PagedList
        list={list}
        label={t('admin.title')}
        className="app-links"
        countText={t('admin.count', { count: list.items.length })}
        emptyText={t(`admin.empty.${status}`)}
      >
        {(report) => <ReportItem key={report.id} report={report} onChanged={changed} />}
      </PagedList>
    </Page>
  );
}

function ReportItem({ report, onChanged }: { report: Report; onChanged: (message: string) => Promise<void> }) {
  const { t, formatDate } = useI18n();
  const { share } = report;
  const title = share.title || t('conversations.untitled');
  const [busy, setBusy] = useState(false);
  const [askingReason, setAskingReason] = useState(false);
  const [error, setError] = useState<Failure | null>(null);

  const act = async (call: () => Promise<unknown>, message: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await attempt(call);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setAskingReason(false);
    await onChanged(message);
  };

  return (
    <li className={`app-link${report.resolvedAt ? ' app-link-revoked' : ''}`}>
      <div className="app-link-head">
        <h2 className="app-link-title">
          <a href={share.url} target="_blank" rel="noopener noreferrer">
            {title}
          </a>
        </h2>
        <ul className="app-badges" aria-label={t('links.properties')}>
          <li className="app-badge app-badge-warn">{t(`admin.reason.${report.reason}`)}</li>
          {report.resolution ? <li className="app-badge">{t(`admin.resolution.${report.resolution}`)}</li> : null}
          <ShareBadges share={share} />
        </ul>
      </div>
      {report.note ? <blockquote className="app-report-note">{report.note}</blockquote> : null}
      <p className="app-hint">
        {t('admin.reportedOn', { date: formatDate(report.createdAt, true) })} ·{' '}
        {report.reporterEmail ? t('admin.reporter', { email: report.reporterEmail }) : t('admin.anonymous')} ·{' '}
        {t('admin.owner', { email: share.ownerEmail })} ·{' '}
        {t('admin.reports', { count: share.reportCount, open: share.openReportCount })}
      </p>
      {share.takenDown ? <p className="app-hint">{t('links.takenDown', { reason: share.takenDown.reason })}</p> : null}
      <div className="app-link-actions" role="group" aria-label={t('admin.actionsFor', { title })}>
        {!share.takenDown && !share.revokedAt && !askingReason ? (
          <button
            type="button"
            className="app-button app-button-danger-quiet"
            aria-label={t('admin.takeDownNamed', { title })}
            onClick={() => setAskingReason(true)}
          >
            {t('admin.takeDown')}
          </button>
        ) : null}
        {share.takenDown ? (
          <button
            type="button"
            className="app-button"
            aria-disabled={busy || undefined}
            aria-label={t('admin.restoreNamed', { title })}
            onClick={() => void act(() => client.admin.restore(share.id), t('admin.restored', { title }))}
          >
            {busy ? t('common.working') : t('admin.restore')}
          </button>
        ) : null}
        {!report.resolvedAt ? (
          <button
            type="button"
            className="app-button"
            aria-disabled={busy || undefined}
            aria-label={t('admin.dismissNamed', { title })}
            onClick={() => void act(() => client.admin.dismissReport(report.id), t('admin.dismissed'))}
          >
            {t('admin.dismiss')}
          </button>
        ) : null}
      </div>
      {askingReason ? (
        <TakedownForm
          busy={busy}
          onCancel={() => setAskingReason(false)}
          onSubmit={(reason) =>
            void act(() => client.admin.takeDown(share.id, { reason }), t('admin.takenDown', { title }))
          }
        />
      ) : null}
      <ErrorMessage error={error} />
    </li>
  );
}

function ShareBadges({ share }: { share: ModeratedShare }) {
  const { t } = useI18n();
  return (
    <>
      <li className={`app-badge app-badge-${share.privacy}`}>{t(`links.privacy.${share.privacy}`)}</li>
      {share.takenDown ? <li className="app-badge app-badge-danger">{t('admin.takenDownBadge')}</li> : null}
      {share.revokedAt ? <li className="app-badge">{t('admin.revokedBadge')}</li> : null}
    </>
  );
}

/** The reason for a takedown, asked in place; Escape or Cancel puts the button back. */
function TakedownForm({
  busy,
  onCancel,
  onSubmit,
}: {
  busy: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && reason.trim()) onSubmit(reason.trim());
  };
  return (
    <form className="app-takedown" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <label htmlFor={id}>{t('admin.takeDownReason')}</label>
      <textarea
        ref={field}
        id={id}
        rows={3}
        required
        maxLength={LIMITS.takedownReasonLength}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="app-inline-form">
        <button type="submit" className="app-button app-button-danger" aria-disabled={busy || undefined}>
          {busy ? t('common.working') : t('admin.takeDownConfirm')}
        </button>
        <button type="button" className="app-button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
