/**
 * The report form of a shared conversation, and what follows it: works without JavaScript
 * (radios, a textarea, a plain POST), then a thank-you page. The owner gets a page that
 * points to their links instead.
 */
import { LIMITS, REPORT_REASONS, sharePath, type ReportReason } from '@chatshare/core';
import type { Translate } from '@chatshare/react';
import { Frame } from './Frame.js';
import { GateMessage } from './GateMessage.js';

export type ReportFormError = 'reason' | 'note' | 'rate_limited';

export type ReportView =
  | {
      kind: 'form';
      code: string;
      title: string;
      reason: ReportReason | null;
      note: string;
      error: ReportFormError | null;
    }
  | { kind: 'sent'; code: string }
  | { kind: 'own'; code: string };

const TITLES = { form: 'report.title', sent: 'report.sent.title', own: 'report.own.title' } as const;

export const reportTitle = (view: ReportView, t: Translate) => t(TITLES[view.kind]);

const ERRORS = {
  reason: 'report.error.reason',
  note: 'report.error.note',
  rate_limited: 'report.error.rateLimited',
} as const;

function ReportForm({ view, t }: { view: Extract<ReportView, { kind: 'form' }>; t: Translate }) {
  const max = LIMITS.reportNoteLength;
  return (
    <form className="report-form" method="post" action={`${sharePath(view.code)}/report`}>
      {view.error ? (
        <p id="cs-report-error" className="gate-error" role="alert">
          {t(ERRORS[view.error], { max })}
        </p>
      ) : null}
      <fieldset aria-describedby={view.error === 'reason' ? 'cs-report-error' : undefined}>
        <legend>{t('report.reasonLegend')}</legend>
        {REPORT_REASONS.map((reason) => (
          <label key={reason} className="report-reason">
            <input type="radio" name="reason" value={reason} required defaultChecked={view.reason === reason} />
            <span>{t(`report.reason.${reason}`)}</span>
          </label>
        ))}
      </fieldset>
      <label htmlFor="cs-report-note">{t('report.noteLabel')}</label>
      <textarea
        id="cs-report-note"
        name="note"
        rows={4}
        maxLength={max}
        defaultValue={view.note}
        aria-describedby="cs-report-note-hint"
        aria-invalid={view.error === 'note' ? true : undefined}
      />
      <p id="cs-report-note-hint" className="report-hint">
        {t('report.noteHint', { max })}
      </p>
      <div className="gate-row">
        <button type="submit">{t('report.submit')}</button>
        <a href={sharePath(view.code)}>{t('report.cancel')}</a>
      </div>
    </form>
  );
}

export function ReportPage({ view, t }: { view: ReportView; t: Translate }) {
  return (
    <Frame t={t}>
      <section className={`gate report-page report-page-${view.kind}`}>
        <h1>{reportTitle(view, t)}</h1>
        {view.kind === 'form' ? (
          <>
            <p>{t('report.intro', { title: view.title || t('view.untitled') })}</p>
            <ReportForm view={view} t={t} />
          </>
        ) : null}
        {view.kind === 'sent' ? (
          <GateMessage
            body={t('report.sent.body')}
            action={{ href: sharePath(view.code), label: t('report.cancel') }}
          />
        ) : null}
        {view.kind === 'own' ? (
          <GateMessage body={t('report.own.body')} action={{ href: '/app/links', label: t('report.own.manage') }} />
        ) : null}
      </section>
    </Frame>
  );
}
