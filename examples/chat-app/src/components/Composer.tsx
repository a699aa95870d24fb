/**
 * The message box. Enter sends, Shift+Enter starts a new line; while the assistant answers,
 * typing goes on but sending waits.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';

export interface ComposerProps {
  /** Which chat this box writes to: switching chats empties it and puts the cursor in it. */
  chatId: string;
  busy: boolean;
  onSend: (text: string) => void;
}

export function Composer({ chatId, busy, onSend }: ComposerProps) {
  const [text, setText] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();

  useEffect(() => {
    setText('');
    field.current?.focus();
  }, [chatId]);

  const canSend = !busy && text.trim() !== '';
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    onSend(text.trim());
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  return (
    <form className="composer" onSubmit={submit}>
      <label className="cs-visually-hidden" htmlFor={`${hintId}-field`}>
        Message
      </label>
      <textarea
        ref={field}
        id={`${hintId}-field`}
        rows={2}
        value={text}
        placeholder="Write a message…"
        aria-describedby={hintId}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id={hintId} className="cs-visually-hidden">
        Enter sends, Shift+Enter adds a line.
      </p>
      {/* aria-disabled, not disabled: the button keeps focus while the reply is on its way. */}
      <button type="submit" className="button button-primary" aria-disabled={!canSend || undefined}>
        Send
      </button>
    </form>
  );
}
