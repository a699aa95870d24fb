/**
 * `useShareConversation(client, conversationId)`: the state of one conversation's link and
 * the actions on it, for any UI. Every action resolves to a value (`{ ok, … }`) and records
 * failures in `error`; nothing is thrown into the component tree.
 */
import {
  safe,
  type ChatshareClient,
  type CreateShareInput,
  type SecretWarning,
  type Share,
  type ShareSettings,
  type SnapshotInput,
  type UpdateShareInput,
} from '@chatshare/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { copyText, type CopyOutcome } from './clipboard.js';
import { toShareError, type ShareError } from './errors.js';

export type ShareAction = 'create' | 'update' | 'refresh' | 'revoke';

export type ShareActionResult = { ok: true; share: Share | null } | { ok: false; error: ShareError };

/** Settings and snapshot options for `createShare`; the conversation is the hook's. */
export type CreateShareSettings = Omit<CreateShareInput, 'conversationId'>;

export interface ShareConversationState {
  /** The live link with its settings, or null when the conversation is not shared. */
  share: Share | null;
  /** `share.settings`, or null. */
  shareSettings: ShareSettings | null;
  isShared: boolean;
  /** True while the current link is first loaded. */
  isLoading: boolean;
  /** The action waiting for the server, if any. */
  pending: ShareAction | null;
  /** The last failure, cleared by the next action. */
  error: ShareError | null;
  /** Secrets found in the snapshot by the last create or refresh. */
  warnings: SecretWarning[];
  createShare(settings?: CreateShareSettings): Promise<ShareActionResult>;
  /** Changes settings of the live link (only the fields given). */
  updateShare(settings: UpdateShareInput): Promise<ShareActionResult>;
  /** "Update link": a fresh snapshot under the same code. */
  refreshShare(): Promise<ShareActionResult>;
  /** "Stop sharing": the link is a 404 from the next request on. */
  revokeShare(): Promise<ShareActionResult>;
  /**
   * Copies the link; call it straight from a click. While the first link is still being
   * created it copies that link once it exists. `fallback` is selected if copying fails.
   */
  copyLink(fallback?: HTMLInputElement | HTMLTextAreaElement | null): Promise<CopyOutcome>;
  /** Loads the link again (e.g. for a fresh view count). */
  reload(): Promise<void>;
  clearError(): void;
  /** Forgets `warnings` (the person chose to keep the content as it is). */
  dismissWarnings(): void;
}

interface State {
  /** Which conversation this state belongs to; anything else is stale. */
  conversationId: string;
  share: Share | null;
  isLoading: boolean;
  pending: ShareAction | null;
  error: ShareError | null;
  warnings: SecretWarning[];
}

const initialState = (conversationId: string): State => ({
  conversationId,
  share: null,
  isLoading: true,
  pending: null,
  error: null,
  warnings: [],
});

/** Errors that mean the link behind the dialog is gone, so the state should say "not shared". */
const GONE = new Set(['share_revoked', 'share_not_found']);

/** What a caller gets for an answer that arrived after unmount or a change of conversation. */
const staleResult = { ok: false as const, error: { code: 'stale', message: 'The conversation changed.' } };

/**
 * @example
 * const sharing = useShareConversation(client, conversation.id);
 * if (!sharing.isShared) return <button onClick={() => sharing.createShare()}>Share</button>;
 * return <a href={sharing.share!.shareUrl}>{sharing.share!.shareUrl}</a>;
 */
export function useShareConversation(client: ChatshareClient, conversationId: string): ShareConversationState {
  const [state, setState] = useState<State>(() => initialState(conversationId));
  // Bumped whenever the client or conversation changes and on unmount: an answer that
  // arrives for an older generation is dropped.
  const generation = useRef(0);
  // Once the person redacts, later refreshes redact too, or "Update link" would re-publish secrets.
  const redact = useRef(false);
  // The URL of a link being created, so a copy started during the request can wait for it.
  const pendingUrl = useRef<Promise<string> | null>(null);
  const shareRef = useRef<Share | null>(null);

  // A state from an older conversation is never shown, even before the effect below runs.
  const current = state.conversationId === conversationId ? state : initialState(conversationId);
  shareRef.current = current.share;

  const load = useCallback(async () => {
    const mine = generation.current;
    const result = await safe(client.shares.forConversation(conversationId));
    if (mine !== generation.current) return;
    setState((previous) => {
      const base = previous.conversationId === conversationId ? previous : initialState(conversationId);
      if (result.ok) return { ...base, share: result.value, isLoading: false };
      // An unshared conversation is a normal state, not a failure.
      if (result.error.code === 'share_not_found') return { ...base, share: null, isLoading: false };
      return { ...base, isLoading: false, error: toShareError(result.error) };
    });
  }, [client, conversationId]);

  useEffect(() => {
    generation.current += 1;
    redact.current = false;
    pendingUrl.current = null;
    setState(initialState(conversationId));
    void load();
    return () => {
      generation.current += 1;
    };
  }, [conversationId, load]);

  /** Runs one action against the server and folds its answer into the state. */
  const run = useCallback(
    async (
      action: ShareAction,
      call: () => Promise<Share>,
      apply: (share: Share) => Partial<State>,
    ): Promise<ShareActionResult> => {
      const mine = generation.current;
      setState((previous) => ({ ...previous, pending: action, error: null }));
      const result = await safe(call);
      if (mine !== generation.current) return staleResult;
      if (result.ok) {
        const changes = apply(result.value);
        setState((previous) => ({ ...previous, pending: null, ...changes }));
        return { ok: true, share: changes.share === undefined ? result.value : changes.share };
      }
      const error = toShareError(result.error);
      const gone = action !== 'create' && GONE.has(error.code);
      setState((previous) => ({
        ...previous,
        pending: null,
        error,
        ...(gone ? { share: null, warnings: [] } : {}),
      }));
      return { ok: false, error };
    },
    [],
  );

  const createShare = useCallback(
    (settings: CreateShareSettings = {}) => {
      const request = client.shares.create({ ...settings, conversationId });
      pendingUrl.current = request.then((share) => share.shareUrl);
      // A copy waiting on this promise reports its own failure; this one must not go unhandled.
      pendingUrl.current.catch(() => undefined);
      return run(
        'create',
        () => request,
        (share) => {
          if (settings.redact) redact.current = true;
          return { share, warnings: share.warnings };
        },
      ).finally(() => {
        pendingUrl.current = null;
      });
    },
    [client, conversationId, run],
  );

  const withShare = useCallback(
    (action: ShareAction, call: (share: Share) => Promise<Share>, apply: (share: Share) => Partial<State>) => {
      const share = shareRef.current;
      if (!share) {
        const error: ShareError = { code: 'share_not_found', message: 'The conversation is not shared.' };
        setState((previous) => ({ ...previous, error }));
        return Promise.resolve<ShareActionResult>({ ok: false, error });
      }
      return run(action, () => call(share), apply);
    },
    [run],
  );

  const updateShare = useCallback(
    (settings: UpdateShareInput) =>
      withShare(
        'update',
        (share) => client.shares.update(share.settings.id, settings),
        (share) => ({ share, ...(settings.refresh || settings.redact ? { warnings: share.warnings } : {}) }),
      ),
    [client, withShare],
  );

  const refreshShare = useCallback(() => {
    const snapshot: SnapshotInput & { refresh: true } = { refresh: true, ...(redact.current ? { redact: true } : {}) };
    return withShare(
      'refresh',
      (share) => client.shares.update(share.settings.id, snapshot),
      (share) => ({ share, warnings: share.warnings }),
    );
  }, [client, withShare]);

  const revokeShare = useCallback(
    () =>
      withShare(
        'revoke',
        (share) => client.shares.revoke(share.settings.id),
        () => {
          redact.current = false;
          return { share: null, warnings: [] };
        },
      ),
    [client, withShare],
  );

  const copyLink = useCallback((fallback?: HTMLInputElement | HTMLTextAreaElement | null) => {
    const url = shareRef.current?.shareUrl ?? pendingUrl.current;
    return url ? copyText(url, fallback) : Promise.resolve<CopyOutcome>('failed');
  }, []);

  const reload = useCallback(() => load(), [load]);
  const clearError = useCallback(() => setState((previous) => ({ ...previous, error: null })), []);
  const dismissWarnings = useCallback(() => setState((previous) => ({ ...previous, warnings: [] })), []);

  return useMemo(
    () => ({
      share: current.share,
      shareSettings: current.share?.settings ?? null,
      isShared: current.share !== null && current.share.settings.status !== 'revoked',
      isLoading: current.isLoading,
      pending: current.pending,
      error: current.error,
      warnings: current.warnings,
      createShare,
      updateShare,
      refreshShare,
      revokeShare,
      copyLink,
      reload,
      clearError,
      dismissWarnings,
    }),
    [current, createShare, updateShare, refreshShare, revokeShare, copyLink, reload, clearError, dismissWarnings],
  );
}
