/**
 * `<ShareDialog>`: everything about one conversation's link in an accessible modal. Before
 * sharing it shows what of the conversation the link will hold (branch, range, a preview),
 * scans exactly that for secrets and offers the settings (only the privacy
 * levels the instance allows) with "Create link", or, when the scan found something, the
 * findings with "Redact and share" / "Share as is" in its place: nothing is published before
 * that choice. After, the link (copy, QR code, views), a warning with "Redact" while its copy
 * still shows secrets, "Update link", "Stop sharing" and the same settings to change.
 * Failures show inline; nothing is thrown and nothing pops up. When the instance has
 * community sharing on, also "Publish to community".
 */
import type { ChatshareClient, ScanQuery, SecretWarning, Share } from '@chatshare/client';
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { describeShareError } from './errors.js';
import { createInput, hasProblems, initialForm, updateInput, validateForm, type ShareFormState } from './form.js';
import { ShareI18nProvider, useShareI18n } from './i18n/index.js';
import { CommunityPublish } from './CommunityPublish.js';
import { CloseIcon } from './icons.js';
import { Modal } from './Modal.js';
import { SecretsChoice, SecretWarnings } from './SecretWarnings.js';
import { SelectionFields } from './SelectionFields.js';
import {
  initialSelection,
  scanQueryOf,
  selectionInput,
  type ConversationTree,
  type SelectionState,
} from './selection.js';
import { ShareLinkPanel } from './ShareLinkPanel.js';
import { ShareSettingsFields } from './ShareSettingsFields.js';
import { useCommunityUrl } from './useCommunityUrl.js';
import { useCopiesEnabled } from './useCopiesEnabled.js';
import { useConversationTree } from './useConversationTree.js';
import { SECRETS_DECISION_REQUIRED, useShareConversation, type ShareActionResult } from './useShareConversation.js';

/** An update the server held back because it would publish new secrets, waiting for the owner. */
interface UpdateDecision {
  secrets: SecretWarning[];
  retry: (redact: boolean) => Promise<ShareActionResult>;
  /** What to say once it went through. */
  done: string;
}

export interface ShareDialogProps {
  /** A client signed in as the conversation's owner (API token or session cookie). */
  client: ChatshareClient;
  conversationId: string;
  open: boolean;
  /** Escape, the backdrop and the close button ask for this; the parent sets `open` to false. */
  onClose: () => void;
  /** Shown in the heading. */
  conversationTitle?: string;
  /** The link once loaded and after every change (`null`: not shared). */
  onShareChange?: (share: Share | null) => void;
  /** Gets focus back on close; default the element that had focus when the dialog opened. */
  returnFocusRef?: RefObject<HTMLElement | null>;
  /** A language for this dialog alone; otherwise the nearest `ShareI18nProvider`, or English. */
  locale?: string;
  /**
   * The community instance to offer "Publish to community" for; `null` hides it. Left out, the
   * dialog asks the server (`client.config()`) and shows it when community sharing is on.
   */
  communityUrl?: string | null;
  /**
   * The branch on screen (its last message): a new link shares it unless the owner picks
   * another. A live link keeps the branch and range it was made with.
   */
  leafMessageId?: string;
  /** The conversation's messages, when the app has them; otherwise the dialog loads them. */
  conversation?: ConversationTree;
}

/**
 * @example
 * const [open, setOpen] = useState(false);
 * <button onClick={() => setOpen(true)}>Share</button>
 * <ShareDialog client={client} conversationId={id} open={open} onClose={() => setOpen(false)} />
 */
export function ShareDialog({ open, locale, ...props }: ShareDialogProps) {
  // Mounted only while open: each opening loads the link afresh (views change meanwhile).
  if (!open) return null;
  const dialog = <ShareDialogBody {...props} />;
  return locale ? <ShareI18nProvider locale={locale}>{dialog}</ShareI18nProvider> : dialog;
}

type BodyProps = Omit<ShareDialogProps, 'open' | 'locale'>;

function ShareDialogBody({
  client,
  conversationId,
  onClose,
  conversationTitle,
  onShareChange,
  returnFocusRef,
  communityUrl: givenCommunityUrl,
  leafMessageId,
  conversation,
}: BodyProps) {
  const { t } = useShareI18n();
  const sharing = useShareConversation(client, conversationId);
  const communityUrl = useCommunityUrl(client, givenCommunityUrl);
  const copiesEnabled = useCopiesEnabled(client);
  const tree = useConversationTree(client, conversationId, conversation);
  const { share, pending } = sharing;
  const headingId = useId();
  const ruleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const messagesRef = useRef<HTMLDivElement>(null);

  const [form, setForm] = useState<ShareFormState>(() => initialForm(null));
  const [submitted, setSubmitted] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmingStop, setConfirmingStop] = useState(false);
  const [confirmingRotate, setConfirmingRotate] = useState(false);
  const [choosing, setChoosing] = useState<'redact' | 'asIs' | null>(null);
  const [updateDecision, setUpdateDecision] = useState<UpdateDecision | null>(null);

  // The choices wait for what the instance allows, so nothing it would refuse is ever offered.
  const isLoading = sharing.isLoading || sharing.allowedPrivacy === null;
  const privacyLevels = sharing.allowedPrivacy ?? [];

  // A loaded, created or stopped link resets the form to what the server now has. Done
  // while rendering (not in an effect) so the old values are never painted next to the new link.
  const formKey = isLoading ? 'loading' : (share?.settings.id ?? 'none');
  const [formFor, setFormFor] = useState(formKey);
  if (formFor !== formKey) {
    setFormFor(formKey);
    setForm(initialForm(sharing.shareSettings, privacyLevels));
    setSubmitted(false);
    setConfirmingStop(false);
  }

  // What to share starts from what the link remembers (or the branch on screen), once both
  // the link and the messages are known; "shown" is what an untouched selection would keep.
  const selectionKey = tree ? `${formKey}:${share?.settings.snapshotVersion ?? 0}` : null;
  const [selectionFor, setSelectionFor] = useState<string | null>(null);
  const [shown, setShown] = useState<(SelectionState & { gone: boolean }) | null>(null);
  const [selection, setSelection] = useState<SelectionState | null>(null);
  if (tree && !isLoading && selectionFor !== selectionKey) {
    const initial = initialSelection(tree, share?.settings.selection ?? null, leafMessageId);
    setSelectionFor(selectionKey);
    setShown(initial);
    setSelection(initial);
  }

  // Before a link exists, the secret scan follows the choice, so the findings are of what will be published.
  const scanSelection = sharing.scan;
  const selectionQuery = !share && selection ? JSON.stringify(scanQueryOf(selection)) : null;
  useEffect(() => {
    if (selectionQuery) void scanSelection(JSON.parse(selectionQuery) as ScanQuery);
  }, [selectionQuery, scanSelection]);

  /** The snapshot fields for the API: all of them for a new link, what changed for a live one. */
  const snapshotChoice = () => {
    if (!selection || !shown) return !share && leafMessageId ? { leafMessageId } : {};
    return selectionInput(selection, share && !shown.gone ? shown : undefined);
  };

  // When the link disappears (stopped here or elsewhere) the focused button goes with it:
  // focus the message that says what happened, so keyboard and screen reader users follow.
  const hadShare = useRef(false);
  useEffect(() => {
    if (hadShare.current && !share) messagesRef.current?.focus();
    hadShare.current = share !== null;
  }, [share]);

  const onShareChangeRef = useRef(onShareChange);
  onShareChangeRef.current = onShareChange;
  useEffect(() => {
    if (!sharing.isLoading) onShareChangeRef.current?.(share);
  }, [share, sharing.isLoading]);

  // Before a link exists, the scan's findings replace "Create link" with the two choices.
  const deciding = !share && sharing.needsSecretsDecision;
  const firstScan = !share && sharing.secrets === null && sharing.isScanning;

  // Once React has marked the fields, take the person to the first one to fix.
  const [focusInvalid, setFocusInvalid] = useState(0);
  useEffect(() => {
    if (focusInvalid > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  const problems = submitted ? validateForm(form, sharing.shareSettings) : {};
  const canEdit = !share || share.policies.update;

  const after = (result: ShareActionResult, message: string) => {
    setNotice(result.ok ? message : null);
    return result.ok;
  };

  /** An update refused for new secrets becomes the owner's choice instead of an error. */
  const afterUpdate = (result: ShareActionResult, decision: Omit<UpdateDecision, 'secrets'>) => {
    if (!result.ok && result.error.code === SECRETS_DECISION_REQUIRED && result.error.secrets) {
      sharing.clearError();
      setNotice(t('share.warnings.heading'));
      setUpdateDecision({ ...decision, secrets: result.error.secrets });
      return false;
    }
    return after(result, decision.done);
  };

  /** "Stop sharing" or "New link" once confirmed: the step closes when the server answered. */
  const confirmed =
    (action: () => Promise<ShareActionResult>, setStepOpen: (open: boolean) => void, message: string) => () =>
      void (async () => {
        setNotice(null);
        const result = await action();
        setStepOpen(false);
        after(result, message);
      })();

  const decideUpdate = async (redact: boolean) => {
    if (!updateDecision || pending) return;
    setChoosing(redact ? 'redact' : 'asIs');
    const result = await updateDecision.retry(redact);
    setChoosing(null);
    setUpdateDecision(null);
    if (!after(result, updateDecision.done)) return;
    if (result.ok && result.share) setForm(initialForm(result.share.settings));
    setSubmitted(false);
    // The owner just chose to publish them: no need to warn again until the dialog reopens.
    if (!redact) sharing.dismissWarnings();
  };

  /** `redact` is the owner's answer to the scan; left out when there was nothing to decide. */
  const submit = async (redact?: boolean) => {
    if (pending || !canEdit) return;
    setSubmitted(true);
    if (hasProblems(validateForm(form, sharing.shareSettings))) {
      setNotice(null);
      setFocusInvalid((count) => count + 1);
      return;
    }
    setNotice(null);
    if (!share) {
      setChoosing(redact === undefined ? null : redact ? 'redact' : 'asIs');
      const result = await sharing.createShare({
        ...createInput(form),
        ...snapshotChoice(),
        ...(redact !== undefined ? { redact } : {}),
      });
      setChoosing(null);
      if (after(result, t('share.created'))) setSubmitted(false);
      // The owner just chose to publish them: no need to warn again until the dialog reopens.
      if (result.ok && redact === false) sharing.dismissWarnings();
      return;
    }
    const input = { ...updateInput(form, share.settings), ...snapshotChoice() };
    setUpdateDecision(null);
    const result: ShareActionResult =
      Object.keys(input).length === 0 ? { ok: true, share } : await sharing.updateShare(input);
    const saved = afterUpdate(result, {
      retry: (redact) => sharing.updateShare({ ...input, redact }),
      done: t('share.saved'),
    });
    if (saved && result.ok && result.share) {
      setForm(initialForm(result.share.settings));
      setSubmitted(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // Enter in a field, or "Redact and share": while a decision is open, Enter takes the safe choice.
    void submit(deciding ? true : undefined);
  };

  const busy = pending !== null;
  const submitLabel = !share
    ? pending === 'create'
      ? t('share.creating')
      : t('share.create')
    : pending === 'update'
      ? t('share.saving')
      : t('share.save');

  return (
    <Modal
      labelledBy={headingId}
      describedBy={ruleId}
      onClose={onClose}
      onEscape={
        confirmingStop ? () => setConfirmingStop(false) : confirmingRotate ? () => setConfirmingRotate(false) : onClose
      }
      {...(returnFocusRef ? { returnFocusRef } : {})}
    >
      <div className="cs-dialog-header">
        <h2 className="cs-dialog-title" id={headingId}>
          {conversationTitle ? t('share.dialog.titleNamed', { title: conversationTitle }) : t('share.dialog.title')}
        </h2>
        <button type="button" className="cs-icon-button" onClick={onClose} aria-label={t('share.close')}>
          <CloseIcon />
        </button>
      </div>
      <p className="cs-snapshot-rule" id={ruleId}>
        {t('share.snapshotRule')}
      </p>

      <div className="cs-messages-region" ref={messagesRef} tabIndex={-1}>
        <p className="cs-notice cs-notice-success" role="status">
          {isLoading ? t('share.loading') : firstScan ? t('share.scanning') : (notice ?? '')}
        </p>
        {sharing.error ? (
          <p className="cs-notice cs-notice-error" role="alert">
            {describeShareError(t, sharing.error)}
          </p>
        ) : null}
      </div>

      {isLoading ? null : (
        <>
          {share ? (
            <SecretWarnings
              warnings={sharing.warnings}
              busy={busy}
              redacting={pending === 'create'}
              canRedact={share.policies.update}
              // Same code, a fresh snapshot with the secrets replaced (and later updates keep redacting).
              onRedact={() => void sharing.createShare({ redact: true })}
              onDismiss={sharing.dismissWarnings}
            />
          ) : null}
          {share ? (
            <ShareLinkPanel
              share={share}
              pending={pending}
              onCopy={(field) => sharing.copyLink(field)}
              onRefresh={() =>
                void (async () => {
                  setNotice(null);
                  setUpdateDecision(null);
                  const choice = snapshotChoice();
                  afterUpdate(await sharing.refreshShare(choice), {
                    retry: (redact) => sharing.refreshShare({ ...choice, redact }),
                    done: t('share.updated'),
                  });
                })()
              }
              confirmingStop={confirmingStop}
              onAskStop={() => setConfirmingStop(true)}
              onCancelStop={() => setConfirmingStop(false)}
              onConfirmStop={confirmed(() => sharing.revokeShare(), setConfirmingStop, t('share.stopped'))}
              confirmingRotate={confirmingRotate}
              onAskRotate={() => setConfirmingRotate(true)}
              onCancelRotate={() => setConfirmingRotate(false)}
              onConfirmRotate={confirmed(() => sharing.rotateShare(), setConfirmingRotate, t('share.rotated'))}
            />
          ) : null}
          {share && updateDecision ? (
            <SecretsChoice
              secrets={updateDecision.secrets}
              busy={busy}
              choosing={choosing}
              onRedact={() => void decideUpdate(true)}
              onShareAsIs={() => void decideUpdate(false)}
            />
          ) : null}
          <form className="cs-share-form" ref={formRef} onSubmit={onSubmit} noValidate>
            {tree && selection ? (
              <SelectionFields
                tree={tree}
                selection={selection}
                onChange={setSelection}
                gone={shown?.gone ?? false}
                disabled={!canEdit}
              />
            ) : null}
            <ShareSettingsFields
              form={form}
              onChange={(changes) => setForm((previous) => ({ ...previous, ...changes }))}
              problems={problems}
              settings={sharing.shareSettings}
              privacyLevels={privacyLevels}
              copiesEnabled={copiesEnabled}
              disabled={!canEdit}
            />
            {hasProblems(problems) ? <p className="cs-field-error">{t('share.invalidForm')}</p> : null}
            {deciding ? (
              <SecretsChoice
                secrets={(sharing.secrets ?? []).filter((secret) => !secret.redacted)}
                busy={busy}
                choosing={choosing}
                onShareAsIs={() => void submit(false)}
              />
            ) : firstScan ? null : canEdit ? (
              <div className="cs-actions">
                <button type="submit" className="cs-button cs-button-primary" aria-disabled={busy || undefined}>
                  {submitLabel}
                </button>
              </div>
            ) : null}
          </form>
          {communityUrl ? (
            <CommunityPublish client={client} conversationId={conversationId} communityUrl={communityUrl} />
          ) : null}
        </>
      )}
    </Modal>
  );
}
