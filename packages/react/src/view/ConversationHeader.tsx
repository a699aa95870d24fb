import type { ReactNode } from 'react';
import type { Translate } from './strings.js';

export interface ConversationHeaderProps {
  title: string;
  messageCount: number;
  sharedAt: string | undefined;
  locale: string;
  t: Translate;
  actions?: ReactNode;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatDate(iso: string, locale: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  let format = formats.get(locale);
  if (!format) {
    // UTC: the server renders one page for everyone and cannot know the reader's zone.
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    formats.set(locale, format);
  }
  return format.format(date);
}

/** Title, message count and when the snapshot was taken; `actions` (such as a copy-link field) below. */
export function ConversationHeader({ title, messageCount, sharedAt, locale, t, actions }: ConversationHeaderProps) {
  const date = sharedAt ? formatDate(sharedAt, locale) : null;
  return (
    <header className="cs-header">
      <h1 className="cs-title">{title || t('view.untitled')}</h1>
      <p className="cs-meta">
        <span>{t('view.messageCount', { count: messageCount })}</span>
        {date ? (
          <>
            <span aria-hidden="true"> · </span>
            <time dateTime={sharedAt}>{t('view.sharedOn', { date })}</time>
            <span aria-hidden="true"> · </span>
            <span>{t('view.notShared')}</span>
          </>
        ) : null}
      </p>
      {actions ? <div className="cs-header-actions">{actions}</div> : null}
    </header>
  );
}
