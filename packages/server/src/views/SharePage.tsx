import { ConversationView, type PreparedConversation, type Translate, type ViewConversation } from '@chatshare/react';
import { CopyLink } from './CopyLink.js';
import { Frame } from './Frame.js';
import type { Locale } from './i18n.js';

export interface SharePageProps {
  conversation: ViewConversation;
  prepared: PreparedConversation;
  shareUrl: string;
  /** The report form's address; null on the owner's own page. */
  reportUrl?: string | null;
  locale: Locale;
  t: Translate;
}

/** The body of a shared conversation's page. */
export function SharePage({ conversation, prepared, shareUrl, reportUrl = null, locale, t }: SharePageProps) {
  return (
    <Frame t={t} reportUrl={reportUrl}>
      <ConversationView
        conversation={conversation}
        prepared={prepared}
        t={t}
        locale={locale}
        actions={<CopyLink url={shareUrl} t={t} />}
      />
    </Frame>
  );
}
