/**
 * Views per day of one link as an inline SVG bar chart. The SVG is an image with a one-line
 * summary for screen readers; the numbers themselves are in a table right under it (behind
 * a disclosure), so nothing is only visible as a picture.
 */
import type { DailyViews } from '@chatshare/client';
import { useEffect, useId, useState } from 'react';
import { attempt, client, type Failure } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { countAxis } from './chart-scale.js';
import { ErrorMessage } from './ErrorMessage.js';

// The SVG stretches to its box (bars and lines only); the axis labels are HTML beside it, so
// text keeps its size and shape at any width.
const WIDTH = 600;
const HEIGHT = 160;

const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);

export function ViewsChart({ shareId, title, days = 30 }: { shareId: string; title: string; days?: number }) {
  const { t, language, formatNumber } = useI18n();
  const [data, setData] = useState<DailyViews[] | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const summaryId = useId();
  const headingId = useId();

  useEffect(() => {
    let current = true;
    setData(null);
    void attempt(() => client.shares.views(shareId, { days })).then((result) => {
      if (!current) return;
      if (result.ok) setData(result.value);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [shareId, days]);

  const short = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });

  if (error) return <ErrorMessage error={error} />;
  if (!data) {
    return (
      <p role="status" className="app-muted">
        {t('common.loading')}
      </p>
    );
  }

  const total = data.reduce((sum, day) => sum + day.views, 0);
  const best = data.reduce((top, day) => (day.views > top.views ? day : top), data[0] ?? { day: '', views: 0 });
  const axis = countAxis(best.views);
  const top = axis.top;
  const slot = WIDTH / Math.max(data.length, 1);
  const barWidth = Math.max(2, slot * 0.68);
  const y = (value: number) => HEIGHT - (value / top) * HEIGHT;
  const summary =
    total === 0
      ? t('chart.summaryNone', { days: data.length })
      : t('chart.summary', {
          days: data.length,
          total: formatNumber(total),
          best: long.format(dayDate(best.day)),
          bestViews: formatNumber(best.views),
        });

  return (
    <figure className="app-chart" aria-labelledby={headingId}>
      <figcaption id={headingId} className="app-chart-caption">
        {t('chart.title', { title, days: data.length })}
      </figcaption>
      <div className="app-chart-plot">
        <div className="app-chart-y" aria-hidden="true">
          {[...axis.ticks].reverse().map((tick) => (
            <span key={tick}>{formatNumber(tick)}</span>
          ))}
        </div>
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          className="app-chart-svg"
          role="img"
          aria-labelledby={summaryId}
          preserveAspectRatio="none"
        >
          <title id={summaryId}>{summary}</title>
          {axis.ticks.map((tick) => (
            <line key={tick} className="app-chart-grid" x1={0} x2={WIDTH} y1={y(tick)} y2={y(tick)} />
          ))}
          {data.map((day, index) => {
            const height = (day.views / top) * HEIGHT;
            return (
              <rect
                key={day.day}
                className="app-chart-bar"
                x={index * slot + (slot - barWidth) / 2}
                y={HEIGHT - height}
                width={barWidth}
                height={Math.max(height, day.views > 0 ? 1 : 0)}
              />
            );
          })}
        </svg>
        <div className="app-chart-x" aria-hidden="true">
          {data.length > 0 ? (
            <>
              <span>{short.format(dayDate(data[0]!.day))}</span>
              <span>{short.format(dayDate(data[data.length - 1]!.day))}</span>
            </>
          ) : null}
        </div>
      </div>
      <p className="app-chart-summary" aria-hidden="true">
        {summary}
      </p>
      <details className="app-chart-table">
        <summary>{t('chart.table')}</summary>
        <table>
          <caption className="cs-visually-hidden">{t('chart.title', { title, days: data.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chart.day')}</th>
              <th scope="col">{t('chart.views')}</th>
            </tr>
          </thead>
          <tbody>
            {[...data].reverse().map((day) => (
              <tr key={day.day}>
                <th scope="row">{long.format(dayDate(day.day))}</th>
                <td>{formatNumber(day.views)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
