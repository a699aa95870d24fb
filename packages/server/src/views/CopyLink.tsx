import type { Translate } from '@chatshare/react';

/**
 * The page's address in a read-only field (selectable without JavaScript) and a copy button
 * that the page script reveals.
 */
export function CopyLink({ url, t }: { url: string; t: Translate }) {
  return (
    <div className="copy-link">
      <label className="cs-visually-hidden" htmlFor="cs-share-link">
        {t('page.linkLabel')}
      </label>
      <input id="cs-share-link" className="copy-link-input" type="text" readOnly value={url} spellCheck={false} />
      <button type="button" className="copy-link-button" data-copy="link" data-copied={t('page.copied')} hidden>
        {t('page.copyLink')}
      </button>
    </div>
  );
}
