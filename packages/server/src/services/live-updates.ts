/**
 * Links with live updates: after every change to a conversation, what its live link takes in.
 * The decision is here and pure; ShareService.follow reads and writes around it.
 *
 * A live link publishes a change on its own only when nobody has to decide anything about it:
 * a change that would publish possible secrets the link does not show yet (on a link that does
 * not redact) is held back, and so is one whose chosen branch left the conversation. The link
 * then shows what it showed before, and its owner sees why until they update it.
 */
import { AppError, liveAsk, type LiveHoldReason, type Snapshot } from '@chatshare/core';
import type { ConversationRecord } from '../repositories/conversations.js';
import type { ShareRecord } from '../repositories/shares.js';
import { freezeFor, secretsNotShown, type Frozen, type FrozenWarning } from './share-content.js';

export type LiveStep =
  /** The frozen copy is what the link already shows. */
  | { kind: 'unchanged' }
  /** Publish `frozen`; `warnings` are the findings of the new part, each replaced. */
  | { kind: 'publish'; frozen: Frozen; warnings: FrozenWarning[] }
  /** Keep what the link shows; `warnings`: the possible secrets the change would publish. */
  | { kind: 'hold'; reason: LiveHoldReason; warnings: FrozenWarning[] };

/** Selections that the conversation no longer has: the chosen branch is gone. */
const GONE = new Set(['message_not_found', 'empty_selection']);

/** What the live link `share`, now showing `shown`, takes in of `conversation` as it is. */
export function liveStep(conversation: ConversationRecord, share: ShareRecord, shown: Snapshot | undefined): LiveStep {
  let frozen: Frozen;
  try {
    frozen = freezeFor(conversation, liveAsk(conversation, share.selection, share.liveUpdates ?? 'current'), share);
  } catch (error) {
    if (error instanceof AppError && GONE.has(error.code)) return { kind: 'hold', reason: 'branch_gone', warnings: [] };
    throw error;
  }
  if (shown && sameContent(frozen, share, shown)) return { kind: 'unchanged' };
  if (share.redact) return { kind: 'publish', frozen, warnings: warningsOfNewParts(frozen, shown) };
  const added = secretsNotShown(frozen, shown);
  return added.length > 0
    ? { kind: 'hold', reason: 'secrets', warnings: added }
    : { kind: 'publish', frozen, warnings: [] };
}

function sameContent(frozen: Frozen, share: ShareRecord, shown: Snapshot): boolean {
  const { selection, snapshot } = frozen.content;
  const before = share.selection;
  return (
    selection.leafMessageId === before.leafMessageId &&
    selection.start === before.start &&
    selection.end === before.end &&
    JSON.stringify(snapshot) === JSON.stringify(shown)
  );
}

/**
 * The findings of a redacting link in what it did not show yet: a redacted copy has none left
 * to compare, so by place (a new title, or a message past the ones shown).
 */
function warningsOfNewParts(frozen: Frozen, shown: Snapshot | undefined): FrozenWarning[] {
  const count = shown?.messages.length ?? 0;
  const titleChanged = frozen.content.snapshot.title !== shown?.title;
  return frozen.warnings.filter((warning) => {
    const index = /^messages\[(\d+)\]/.exec(warning.location)?.[1];
    return index === undefined ? titleChanged : Number(index) >= count;
  });
}
