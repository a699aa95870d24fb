/**
 * The read-only conversation: header, then every message. Rendered to HTML on the server
 * (it needs no JavaScript in the browser) and usable as a plain component in an app.
 */
import { useMemo, type ReactNode } from 'react';
import { ConversationHeader } from './ConversationHeader.js';
import { MessageItem } from './MessageItem.js';
import { prepareConversation, type PreparedConversation } from './prepare.js';
import { englishT, type Translate } from './strings.js';
import type { ViewConversation } from './types.js';

export interface ConversationViewProps {
  conversation: ViewConversation;
  /** Strings; default English. Keys are listed in `VIEW_STRINGS`. */
  t?: Translate;
  /** BCP 47 locale for dates. */
  locale?: string;
  /**
   * From `prepareConversation(conversation, t)`, when the caller wants the math stylesheet
   * itself (a server page places it in its own nonce'd `<style>`). Otherwise the view
   * prepares the conversation and renders that stylesheet inline.
   */
  prepared?: PreparedConversation;
  /** Shown in the header, such as a copy-link field. */
  actions?: ReactNode;
  /** CSP nonce for the inline math stylesheet when `prepared` is not given. */
  nonce?: string;
}

export function ConversationView({
  conversation,
  t = englishT,
  locale = 'en',
  prepared,
  actions,
  nonce,
}: ConversationViewProps) {
  const own = useMemo(() => (prepared ? null : prepareConversation(conversation, t)), [prepared, conversation, t]);
  const ready = prepared ?? own!;
  return (
    <article className="cs-conversation">
      <ConversationHeader
        title={conversation.title}
        messageCount={ready.messages.length}
        sharedAt={conversation.sharedAt}
        live={conversation.live ?? false}
        sharedBy={conversation.sharedBy ?? null}
        locale={locale}
        t={t}
        actions={actions}
      />
      <ol className="cs-messages" aria-label={t('view.messages')}>
        {ready.messages.map((message) => (
          <MessageItem key={message.message.id} prepared={message} t={t} />
        ))}
      </ol>
      {own && own.mathCss ? <style nonce={nonce} dangerouslySetInnerHTML={{ __html: own.mathCss }} /> : null}
    </article>
  );
}
