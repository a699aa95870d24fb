/**
 * `useShareConversation(client, conversationId)`: the state of one conversation's link and
 * the actions on it, for any UI. Every action resolves to a value (`{ ok, … }`) and records
 * failures in `error`; nothing is thrown into the component tree.
 *
 * Secrets are decided before a link exists: the hook scans the conversation when it loads
 * (`secrets`), and `createShare` refuses (`secrets_decision_required`) to publish findings
 * unless the caller says `redact: true` or `redact: false`. It also reads which privacy
 * levels the instance allows (`allowedPrivacy`).
 */
import {
  safe,
  type ChatshareClient,
  type CreateShareInput,
  type ScanQuery,
  type SecretWarning,
  type Share,
  type SharePrivacy,
  type ShareSettings,
  type SnapshotInput,
  type UpdateShareInput,
} from '@chatshare/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { copyText, type CopyOutcome } from './clipboard.js';
import { toShareError, type ShareError } from './errors.js';
import { allowedPrivacyLevels, instanceConfigOf } from './instance-config.js';
import { scanQueryOf } from './selection.js';

export type ShareAction = 'create' | 'update' | 'refresh' | 'rotate' | 'revoke';

export type ShareActionResult = { ok: true; share: Share | null } | { ok: false; error: ShareError };

/**
 * Settings and snapshot options for `createShare`; the conversation is the hook's. `redact` is
 * the owner's answer to the secret scan: `true` replaces the findings in the shared copy,
 * `false` shares them as they are. Left out, `createShare` shares only when the scan finds
 * nothing (or the live link already redacts).
 */
export type CreateShareSettings = Omit<CreateShareInput, 'conversationId'>;

/** The code of `createShare`'s refusal to publish secrets nobody decided about. */
export const SECRETS_DECISION_REQUIRED = 'secrets_decision_required';

export type ScanOutcome = { ok: true; secrets: SecretWarning[] } | { ok: false; error: ShareError };

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
  /**
   * Secrets found in the live link's snapshot: by the last create or refresh, or (when the
   * link does not redact) by the scan when the link was loaded.
   */
  warnings: SecretWarning[];
  /**
   * What the server's scan (`GET /conversations/:id/secrets`) finds in the conversation as a
   * link would publish it; `null` until the scan has answered. Scanned on load, and again by
   * `scan()` and by `createShare` without `redact`.
   */
  secrets: SecretWarning[] | null;
  /** True while a scan is waiting for the server. */
  isScanning: boolean;
  /**
   * True when `createShare` needs `redact: true` or `redact: false`: the scan found secrets
   * and there is no live link that already redacts.
   */
  needsSecretsDecision: boolean;
  /**
   * The privacy levels the instance accepts (from `GET /api/v1/config`), in display order;
   * `null` until known. Offer only these.
   */
  allowedPrivacy: readonly SharePrivacy[] | null;
  /**
   * Scans the conversation again (e.g. after new messages, or for another branch or range:
   * the same query `createShare` will scan with its `leafMessageId` and `range`).
   */
  scan(query?: ScanQuery): Promise<ScanOutcome>;
  /**
   * Creates the link, or refreshes the live one under the same code. Without `redact` it scans
   * first and resolves to `{ ok: false, error: { code: 'secrets_decision_required' } }` (sending
   * nothing) when secrets are found; `secrets` then lists them.
   */
  createShare(settings?: CreateShareSettings): Promise<ShareActionResult>;
  /** Changes settings of the live link (only the fields given). */
  updateShare(settings: UpdateShareInput): Promise<ShareActionResult>;
  /**
   * "Update link": a fresh snapshot under the same code, of the branch and range the link
   * remembers, or of `choice` (another branch or range, which it then remembers). When the
   * fresh copy would show secrets the link does not show yet, the server refuses with
   * `secrets_decision_required` (the findings in `error.secrets`) until `choice.redact` says.
   */
  refreshShare(choice?: SnapshotInput): Promise<ShareActionResult>;
  /**
   * "New link": the link gets a new code (`share.shareUrl` changes) and the old one is a 404
   * from the next request on; settings, content and views stay.
   */
  rotateShare(): Promise<ShareActionResult>;
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

/** What the hook keeps; the rest of its answer is worked out from it. */
type StoredState = Pick<
  ShareConversationState,
  'share' | 'isLoading' | 'pending' | 'error' | 'warnings' | 'secrets' | 'isScanning'
>;

interface State extends StoredState {
  /** Which conversation this state belongs to; anything else is stale. */
  conversationId: string;
}

const initialState = (conversationId: string): State => ({
  conversationId,
  share: null,
  isLoading: true,
  pending: null,
  error: null,
  warnings: [],
  secrets: null,
  isScanning: false,
});

const storedOf = ({ conversationId: _owner, ...stored }: State): StoredState => stored;

const decisionRequired = (count: number): ShareError => ({
  code: SECRETS_DECISION_REQUIRED,
  message: `The conversation may contain ${count} secret(s): pass redact: true to replace them, or redact: false to share them as they are.`,
});

/** The levels each client's instance allows, once known (shared by every hook on that client). */
function useAllowedPrivacy(client: ChatshareClient): readonly SharePrivacy[] | null {
  const [known, setKnown] = useState<{ client: ChatshareClient; levels: SharePrivacy[] } | null>(null);
  useEffect(() => {
    let current = true;
    void instanceConfigOf(client).then((config) => {
      if (current) setKnown({ client, levels: allowedPrivacyLevels(config) });
    });
    return () => {
      current = false;
    };
  }, [client]);
  return known?.client === client ? known.levels : null;
}

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
  const scans = useRef(0);
  const allowedPrivacy = useAllowedPrivacy(client);

  // A state from an older conversation is never shown, even before the effect below runs.
  const current = state.conversationId === conversationId ? state : initialState(conversationId);
  shareRef.current = current.share;

  /** Asks the server's secret scan and folds the answer into `secrets` (and `warnings` for a live link). */
  const scanFor = useCallback(
    async (mine: number, options: { asWarnings: boolean; query?: ScanQuery }): Promise<ScanOutcome> => {
      setState((previous) => ({ ...previous, isScanning: true }));
      const asked = ++scans.current;
      const result = await safe(client.shares.scan(conversationId, options.query ?? {}));
      if (mine !== generation.current) return staleResult;
      // A scan asked later (another branch or range) answers for what is chosen now.
      if (asked !== scans.current) return result.ok ? { ok: true, secrets: result.value.warnings } : staleResult;
      if (!result.ok) {
        const error = toShareError(result.error);
        setState((previous) => ({ ...previous, isScanning: false, error }));
        return { ok: false, error };
      }
      const secrets = result.value.warnings;
      setState((previous) => ({
        ...previous,
        isScanning: false,
        secrets,
        ...(options.asWarnings ? { warnings: secrets } : {}),
      }));
      return { ok: true, secrets };
    },
    [client, conversationId],
  );

  const load = useCallback(async () => {
    const mine = generation.current;
    const result = await safe(client.shares.forConversation(conversationId));
    if (mine !== generation.current) return;
    const share = result.ok ? result.value : null;
    setState((previous) => {
      const base = previous.conversationId === conversationId ? previous : initialState(conversationId);
      if (result.ok) return { ...base, share: result.value, isLoading: false };
      // An unshared conversation is a normal state, not a failure.
      if (result.error.code === 'share_not_found') return { ...base, share: null, isLoading: false };
      return { ...base, isLoading: false, error: toShareError(result.error) };
    });
    if (!result.ok && result.error.code !== 'share_not_found') return;
    // Before a link exists: what it would publish. A live link that does not redact: what it
    // (most likely) shows, so reopening the dialog warns again.
    if (share?.settings.redact) redact.current = true;
    else
      await scanFor(mine, {
        asWarnings: share !== null,
        // The part of the conversation the link holds, not whatever branch is current.
        ...(share ? { query: scanQueryOf(share.settings.selection) } : {}),
      });
  }, [client, conversationId, scanFor]);

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
      // The generation the action was asked in (createShare starts `run` after its secret check).
      mine = generation.current,
    ): Promise<ShareActionResult> => {
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

  const scan = useCallback(
    (query?: ScanQuery) => scanFor(generation.current, { asWarnings: false, ...(query ? { query } : {}) }),
    [scanFor],
  );

  /** `null` when sharing may go ahead; otherwise the refusal, already recorded in the state. */
  const checkSecrets = useCallback(
    async (mine: number, query: ScanQuery): Promise<ShareActionResult | null> => {
      // Scanned right before creating, so messages added since the dialog opened are covered.
      const scanned = await scanFor(mine, { asWarnings: false, query });
      if (mine !== generation.current) return staleResult;
      if (!scanned.ok) {
        setState((previous) => ({ ...previous, pending: null }));
        return scanned;
      }
      if (scanned.secrets.length === 0) return null;
      const error = decisionRequired(scanned.secrets.length);
      setState((previous) => ({ ...previous, pending: null, error }));
      return { ok: false, error };
    },
    [scanFor],
  );

  const createShare = useCallback(
    (settings: CreateShareSettings = {}) => {
      const mine = generation.current;
      // A live link that redacts keeps redacting (the server remembers), so nothing to decide.
      const decided = settings.redact !== undefined || shareRef.current?.settings.redact === true;
      setState((previous) => ({ ...previous, pending: 'create', error: null }));
      const query: ScanQuery = {
        ...(settings.leafMessageId ? { leafMessageId: settings.leafMessageId } : {}),
        ...settings.range,
      };
      const refusal = decided ? Promise.resolve(null) : checkSecrets(mine, query);
      const request = refusal.then((refused) =>
        refused ? null : client.shares.create({ ...settings, conversationId }),
      );
      pendingUrl.current = request.then((share) => share?.shareUrl ?? Promise.reject(new Error('not shared')));
      // A copy waiting on this promise reports its own failure; this one must not go unhandled.
      pendingUrl.current.catch(() => undefined);
      return refusal
        .then(
          (refused) =>
            refused ??
            run(
              'create',
              () => request as Promise<Share>,
              (share) => {
                if (settings.redact !== undefined) redact.current = settings.redact;
                return { share, warnings: share.warnings, secrets: share.warnings };
              },
              mine,
            ),
        )
        .finally(() => {
          pendingUrl.current = null;
        });
    },
    [checkSecrets, client, conversationId, run],
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

  /** The actions on the live link; each answers `share_not_found` when there is none. */
  const linkActions = useMemo(
    () => ({
      updateShare: (settings: UpdateShareInput) =>
        withShare(
          'update',
          (share) => client.shares.update(share.settings.id, settings),
          (share) => {
            const snapshotTaken = settings.refresh || settings.redact || settings.leafMessageId || settings.range;
            return { share, ...(snapshotTaken ? { warnings: share.warnings } : {}) };
          },
        ),
      refreshShare: (choice: SnapshotInput = {}) => {
        const snapshot: SnapshotInput & { refresh: true } = {
          refresh: true,
          ...(redact.current ? { redact: true } : {}),
          ...choice,
        };
        return withShare(
          'refresh',
          (share) => client.shares.update(share.settings.id, snapshot),
          (share) => ({ share, warnings: share.warnings }),
        );
      },
      rotateShare: () =>
        withShare(
          'rotate',
          (share) => client.shares.rotate(share.settings.id),
          (share) => ({ share }),
        ),
      revokeShare: () =>
        withShare(
          'revoke',
          (share) => client.shares.revoke(share.settings.id),
          () => {
            redact.current = false;
            // Sharing again must be decided again: the next create scans afresh.
            return { share: null, warnings: [], secrets: null };
          },
        ),
    }),
    [client, withShare],
  );

  /** The actions that need no server: they never change. */
  const localActions = useMemo(
    () => ({
      copyLink: (fallback?: HTMLInputElement | HTMLTextAreaElement | null) => {
        const url = shareRef.current?.shareUrl ?? pendingUrl.current;
        return url ? copyText(url, fallback) : Promise.resolve<CopyOutcome>('failed');
      },
      clearError: () => setState((previous) => ({ ...previous, error: null })),
      dismissWarnings: () => setState((previous) => ({ ...previous, warnings: [] })),
    }),
    [],
  );

  const reload = useCallback(() => load(), [load]);

  return useMemo(
    () => ({
      ...storedOf(current),
      shareSettings: current.share?.settings ?? null,
      isShared: current.share !== null && current.share.settings.status !== 'revoked',
      needsSecretsDecision:
        (current.secrets?.some((secret) => !secret.redacted) ?? false) && current.share?.settings.redact !== true,
      allowedPrivacy,
      scan,
      createShare,
      reload,
      ...linkActions,
      ...localActions,
    }),
    [current, allowedPrivacy, scan, createShare, reload, linkActions, localActions],
  );
}
