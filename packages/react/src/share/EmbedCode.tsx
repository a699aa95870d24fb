/**
 * The snippet that shows a shared conversation on another website, with a Copy button. Offered
 * only for links anyone may embed: the owner allows it, no password, not private, not expired
 * (the server answers such embeds with a panel, not the conversation).
 */
import type { Share, ShareSettings } from '@chatshare/client';
import { canOfferEmbed, escapeAttribute } from '@chatshare/core';
import { useId, useRef } from 'react';
import { copyText } from './clipboard.js';
import { CopyRow, selectOnFocus } from './CopyRow.js';
import { useShareI18n } from './i18n/index.js';
import { Section } from './Section.js';

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
  const snippet = embedSnippet(share.shareUrl);
  return (
    <Section className="cs-embed" heading={t('share.embed.heading')}>
      <label className="cs-label" htmlFor={`${id}-code`}>
        {t('share.embed.label')}
      </label>
      <p className="cs-hint" id={`${id}-hint`}>
        {t('share.embed.hint')}
      </p>
      <CopyRow
        onCopy={() => copyText(snippet, field.current)}
        buttonLabel={t('share.embed.copy')}
        messages={{ copied: 'share.embed.copied', manual: 'share.embed.copyManual' }}
      >
        <textarea
          ref={field}
          id={`${id}-code`}
          className="cs-input cs-textarea cs-embed-code"
          readOnly
          rows={3}
          value={snippet}
          aria-describedby={`${id}-hint`}
          spellCheck={false}
          onFocus={selectOnFocus}
        />
      </CopyRow>
    </Section>
  );
}
