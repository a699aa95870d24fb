/**
 * The snippet that shows a shared conversation on another website, with a Copy button. Offered
 * only for links anyone may embed: the owner allows it, no password, not private, not expired
 * (the server answers such embeds with a panel, not the conversation).
 */
import type { Share, ShareSettings } from '@chatshare/client';
import { canOfferEmbed, escapeAttribute } from '@chatshare/core';
import { useId, useRef, useState } from 'react';
import { copyShortcut, copyText, type CopyOutcome } from './clipboard.js';
import { useShareI18n } from './i18n/index.js';
import { CopyIcon } from './icons.js';

/** Whether to offer the snippet: core's `canOfferEmbed`. */
export const canEmbed = (settings: ShareSettings): boolean => canOfferEmbed(settings).allowed;

/**
 * The HTML to paste into a page: a placeholder naming the link, and the instance's embed.js
 * (next to the share pages, so instances under a path prefix work too).
 * @example embedSnippet('https://chat.example.com/s/AbC123xyz789')
 * // '<div data-chatshare="https://chat.example.com/s/AbC123xyz789"></div><script async src="https://chat.example.com/embed.js"></script>'
 */
export function embedSnippet(shareUrl: string): string {
  const loader = shareUrl.replace(/\/s\/[^/]+$/, '/embed.js');
  return `<div data-chatshare="${escapeAttribute(shareUrl)}"></div><script async src="${escapeAttribute(loader)}"></script>`;
}

export function EmbedCode({ share }: { share: Share }) {
  const { t } = useShareI18n();
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [copy, setCopy] = useState<CopyOutcome | null>(null);
  const snippet = embedSnippet(share.shareUrl);
  const status =
    copy === 'copied'
      ? t('share.embed.copied')
      : copy === 'selected' || copy === 'failed'
        ? t('share.embed.copyManual', { shortcut: copyShortcut() })
        : '';
  return (
    <section className="cs-embed" aria-labelledby={`${id}-heading`}>
      <h3 className="cs-section-heading" id={`${id}-heading`}>
        {t('share.embed.heading')}
      </h3>
      <label className="cs-label" htmlFor={`${id}-code`}>
        {t('share.embed.label')}
      </label>
      <p className="cs-hint" id={`${id}-hint`}>
        {t('share.embed.hint')}
      </p>
      <div className="cs-link-row">
        <textarea
          ref={field}
          id={`${id}-code`}
          className="cs-input cs-textarea cs-embed-code"
          readOnly
          rows={3}
          value={snippet}
          aria-describedby={`${id}-hint`}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          className="cs-button"
          onClick={() => {
            // Called straight from the click, before any await: browsers require it.
            void copyText(snippet, field.current).then(setCopy);
          }}
        >
          <CopyIcon />
          <span>{t('share.embed.copy')}</span>
        </button>
      </div>
      <p className="cs-copy-status" role="status">
        {status}
      </p>
    </section>
  );
}
