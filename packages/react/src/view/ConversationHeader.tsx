import type { ReactNode } from 'react';
import type { Translate } from './strings.js';

export interface ConversationHeaderProps {
  title: string;
  messageCount: number;
  sharedAt: string | undefined;
  /** A live link: the date is when it last changed, and the line says it shows the conversation as it is now. */
  live?: boolean;
  locale: string;
  t: Translate;
  actions?: ReactNode;
  /** Who shared it, when they chose to show their name: "Shared by …" (text, never markup). */
  sharedBy?: string | null;
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

/** Where the name goes in the translated line; a character no date or translation holds. */
const NAME_SLOT = '\u0000';

/**
 * The "Shared by" line around the sharer's name: the name is put in afterwards as text and never
 * passed to `t`, because i18next reads `{{…}}` inside an interpolated value as a placeholder.
 * @example sharedByParts(t, 'June 1, 2026') // ['Shared by ', ' on June 1, 2026']
 */
export function sharedByParts(t: Translate, date: string | null): [before: string, after: string] {
  const line = date ? t('view.sharedByOn', { name: NAME_SLOT, date }) : t('view.sharedBy', { name: NAME_SLOT });
  const at = line.indexOf(NAME_SLOT);
  return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + NAME_SLOT.length)];
}

/** The line with the name as its own element, so it is text and can be styled alone. */
function SharedBy({ name, date, t }: { name: string; date: string | null; t: Translate }) {
  const [before, after] = sharedByParts(t, date);
  return (
    <>
      {before}
      <span className="cs-shared-by">{name}</span>
      {after}
    </>
  );
}

/**
 * Title, message count, who shared it (when given) and when the snapshot was taken;
 * `actions` (such as a copy-link field) below.
 */
export function ConversationHeader({
  title,
  messageCount,
  sharedAt,
  locale,
  t,
  actions,
  sharedBy = null,
  live = false,
}: ConversationHeaderProps) {
  const date = sharedAt ? formatDate(sharedAt, locale) : null;
  const name = sharedBy?.trim() || null;
  return (
    <header className="cs-header">
      <h1 className="cs-title">{title || t('view.untitled')}</h1>
      <p className="cs-meta">
        <span>{t('view.messageCount', { count: messageCount })}</span>
        {date ? (
          <>
            <span aria-hidden="true"> · </span>
            <time dateTime={sharedAt}>
              {name ? (
                <SharedBy name={name} date={date} t={t} />
              ) : (
                t(live ? 'view.changedOn' : 'view.sharedOn', { date })
              )}
            </time>
            <span aria-hidden="true"> · </span>
            <span className={live ? 'cs-live' : undefined}>{t(live ? 'view.live' : 'view.notShared')}</span>
          </>
        ) : name ? (
          <>
            <span aria-hidden="true"> · </span>
            <span>
              <SharedBy name={name} date={null} t={t} />
            </span>
          </>
        ) : null}
      </p>
      {actions ? <div className="cs-header-actions">{actions}</div> : null}
    </header>
  );
}
