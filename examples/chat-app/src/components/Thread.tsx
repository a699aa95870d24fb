/**
 * The open chat: a header with its title, its link (once shared) and the Share button that
 * opens the kit's ShareDialog; then the messages. The stand-in assistant is named as such on
 * every reply.
 */
import { ShareDialog } from '@chatshare/react';
import { useEffect, useRef } from 'react';
import type { Chat, ChatshareLink } from '../chats';
import { chatshare } from '../chatshare';
import { useShareFlow } from '../useShareFlow';
import { MessageText } from './MessageText';
import { SyncError } from './SyncError';

export interface ThreadProps {
  chat: Chat;
  replying: boolean;
  setLink: (chatId: string, change: (link: ChatshareLink | null) => ChatshareLink | null) => void;
}

export function Thread({ chat, replying, setLink }: ThreadProps) {
  const flow = useShareFlow(chat, setLink);
  const shareButton = useRef<HTMLButtonElement>(null);
  const end = useRef<HTMLDivElement>(null);
  const empty = chat.messages.length === 0;

  // Keep the newest message in view as the chat grows. (Braces: newer browsers return a
  // promise from scrollIntoView, and an effect may only return a clean-up function.)
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [chat.messages.length, replying]);

  return (
    <section className="thread" aria-labelledby="thread-title">
      <header className="thread-header">
        <h1 id="thread-title" className="thread-title">
          {chat.title}
        </h1>
        {chat.chatshare?.shareUrl ? (
          <a className="badge badge-link" href={chat.chatshare.shareUrl} target="_blank" rel="noreferrer">
            Shared link<span className="cs-visually-hidden"> (opens in a new tab)</span>
          </a>
        ) : null}
        <button
          ref={shareButton}
          type="button"
          className="button"
          // Focusable while disabled in effect, so a screen reader can still find out why.
          aria-disabled={empty || flow.syncing || undefined}
          aria-describedby={empty ? 'share-hint' : undefined}
          onClick={() => {
            if (!empty) void flow.share();
          }}
        >
          {flow.syncing ? 'Preparing…' : 'Share'}
        </button>
        {empty ? (
          <span id="share-hint" className="cs-visually-hidden">
            Write a message first: an empty chat has nothing to share.
          </span>
        ) : null}
      </header>
      {flow.error ? <SyncError error={flow.error} onDismiss={flow.dismissError} /> : null}

      <ol className="messages" aria-label="Messages">
        {chat.messages.map((message) => (
          <li key={message.id} className={`message message-${message.role}`}>
            <p className="message-author">{message.role === 'user' ? 'You' : 'Stand-in assistant'}</p>
            <MessageText text={message.text} />
          </li>
        ))}
      </ol>
      {empty ? (
        <p className="empty">Write a message to start. The replies come from a local stand-in, not an AI model.</p>
      ) : null}
      <p className="writing" role="status">
        {replying ? 'The stand-in assistant is writing…' : ''}
      </p>
      <div ref={end} />

      <ShareDialog
        client={chatshare}
        conversationId={flow.dialogFor ?? ''}
        conversationTitle={chat.title}
        open={flow.dialogFor !== null}
        onClose={flow.close}
        onShareChange={flow.onShareChange}
        returnFocusRef={shareButton}
      />
    </section>
  );
}
