/**
 * One conversation: the branch on screen (the current one, or another from the picker),
 * rendered by the kit's ConversationView; rename, delete and share.
 */
import type { Conversation } from '@chatshare/client';
import { LIMITS } from '@chatshare/core';
import { ConversationView, prepareConversation, ShareDialog } from '@chatshare/react';
import 'katex/dist/katex.min.css';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { attempt, client, type Failure } from '../api.js';
import { branchesOf, branchExcerpt, currentBranchIndex } from '../branches.js';
import { Confirm } from '../components/Confirm.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { TakedownNotice } from '../components/TakedownNotice.js';
import { useMathStyles } from '../components/useMathStyles.js';
import { useInstanceConfig } from '../instance-config.js';
import { usePageTitle } from '../components/usePageTitle.js';
import { useI18n } from '../i18n/index.js';
import { Link, navigate } from '../router.js';

export default function ConversationPage({ id }: { id: string }) {
  const { t } = useI18n();
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [error, setError] = useState<Failure | null>(null);

  useEffect(() => {
    let current = true;
    setConversation(null);
    setError(null);
    void attempt(() => client.conversations.get(id)).then((result) => {
      if (!current) return;
      if (result.ok) setConversation(result.value);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [id]);

  usePageTitle(conversation?.title ?? t('conversation.title'));
  if (error) {
    return (
      <section className="app-page">
        <p>
          <Link to="/conversations">← {t('nav.conversations')}</Link>
        </p>
        <h1>{t('conversation.title')}</h1>
        <ErrorMessage error={error} />
      </section>
    );
  }
  if (!conversation) {
    return (
      <p className="app-loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  return <Loaded conversation={conversation} onChange={setConversation} />;
}

/** On a reader's copy of someone's link: which link it came from, and when it was saved. */
function CopiedFrom({ from }: { from: NonNullable<Conversation['copiedFrom']> }) {
  const { t, formatDate } = useI18n();
  return (
    <p className="app-copied-from">
      {t('conversation.copiedFrom')}{' '}
      <a href={from.shareUrl} rel="noreferrer">
        {from.shareUrl}
      </a>{' '}
      {t('conversation.copiedOn', { date: formatDate(from.copiedAt) })}
    </p>
  );
}

function Loaded({ conversation, onChange }: { conversation: Conversation; onChange: (value: Conversation) => void }) {
  const { t, viewT, language } = useI18n();
  const branches = useMemo(() => branchesOf(conversation.messages), [conversation.messages]);
  const current = currentBranchIndex(branches, conversation.currentLeafId);
  const [picked, setPicked] = useState(current);
  const branch = branches[picked] ?? branches[current];
  const view = useMemo(
    () => ({ title: conversation.title, messages: branch?.messages ?? [] }),
    [conversation.title, branch],
  );
  const prepared = useMemo(() => prepareConversation(view, viewT), [view, viewT]);
  useMathStyles(prepared.mathCss);

  const [renaming, setRenaming] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const shareButton = useRef<HTMLButtonElement>(null);
  const branchId = useId();
  const community = useInstanceConfig()?.communitySharing;

  const remove = async () => {
    setBusy(true);
    const result = await attempt(() => client.conversations.delete(conversation.id));
    setBusy(false);
    if (result.ok) navigate('/conversations');
    else setError(result.error);
  };

  return (
    <section className="app-page app-conversation-page">
      <p className="app-back">
        <Link to="/conversations">← {t('nav.conversations')}</Link>
      </p>
      <ConversationView
        conversation={view}
        prepared={prepared}
        t={viewT}
        locale={language}
        actions={
          <div className="app-conversation-tools">
            {renaming ? (
              <RenameForm
                conversation={conversation}
                onDone={(updated) => {
                  setRenaming(false);
                  if (updated) onChange(updated);
                }}
              />
            ) : null}
            <div className="app-conversation-actions" role="group" aria-label={t('conversation.actions')}>
              <button
                ref={shareButton}
                type="button"
                className="app-button app-button-primary"
                onClick={() => setSharing(true)}
              >
                {t('conversations.share')}
              </button>
              {!renaming ? (
                <button type="button" className="app-button" onClick={() => setRenaming(true)}>
                  {t('conversation.rename')}
                </button>
              ) : null}
              <Confirm
                label={t('conversation.delete')}
                question={t('conversation.deleteQuestion')}
                confirmLabel={t('conversation.deleteConfirm')}
                busy={busy}
                onConfirm={remove}
              />
            </div>
            <ErrorMessage error={error} />
            <TakedownNotice conversationId={conversation.id} />
            {conversation.copiedFrom ? <CopiedFrom from={conversation.copiedFrom} /> : null}

            {branches.length > 1 ? (
              <div className="app-branches">
                <label htmlFor={branchId}>{t('conversation.branch')}</label>
                <select id={branchId} value={picked} onChange={(event) => setPicked(Number(event.target.value))}>
                  {branches.map((item, index) => (
                    <option key={item.leafId} value={index}>
                      {t(index === current ? 'conversation.branchCurrent' : 'conversation.branchOption', {
                        index: index + 1,
                        count: branches.length,
                        excerpt: branchExcerpt(item),
                      })}
                    </option>
                  ))}
                </select>
                {picked !== current ? <p className="app-hint">{t('conversation.branchNote')}</p> : null}
              </div>
            ) : null}
          </div>
        }
      />

      <ShareDialog
        client={client}
        open={sharing}
        conversationId={conversation.id}
        conversationTitle={conversation.title}
        conversation={conversation}
        // A new link shares the branch on screen; a live one keeps the branch it was made with.
        {...(branch ? { leafMessageId: branch.leafId } : {})}
        onClose={() => setSharing(false)}
        returnFocusRef={shareButton}
        // Known from the app's one read of /api/v1/config; null hides "Publish to community".
        communityUrl={community?.enabled ? community.url : null}
      />
    </section>
  );
}

function RenameForm({
  conversation,
  onDone,
}: {
  conversation: Conversation;
  onDone: (updated: Conversation | null) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [title, setTitle] = useState(conversation.title);
  const [error, setError] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.select(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await attempt(() => client.conversations.rename(conversation.id, title.trim()));
    setBusy(false);
    if (result.ok) onDone(result.value);
    else setError(result.error);
  };

  return (
    <form
      className="app-rename"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => event.key === 'Escape' && onDone(null)}
    >
      <label htmlFor={id}>{t('conversation.newTitle')}</label>
      <div className="app-inline-form">
        <input
          ref={field}
          id={id}
          value={title}
          maxLength={LIMITS.titleLength}
          required
          onChange={(event) => setTitle(event.target.value)}
        />
        <button type="submit" className="app-button app-button-primary" aria-disabled={busy || undefined}>
          {t('common.save')}
        </button>
        <button type="button" className="app-button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}
