/**
 * What of a conversation the share dialog offers to share, as plain data: a branch (by its
 * last message) and a range of its visible messages. A live link starts from what it
 * remembers, grown as "Update link" would grow it; a new one from the branch on screen.
 */
import { nextSelection, visibleBranch, type ShareSelection } from '@chatshare/core';
import type { Message, ScanQuery, SnapshotInput } from '@chatshare/client';

/** The part of a conversation the dialog reads: its tree and current leaf. */
export interface ConversationTree {
  messages: Message[];
  currentLeafId: string | null;
}

export interface SelectionState {
  leafMessageId: string | null;
  start: number;
  /** Exclusive; `null` runs to the latest message, so updates take in new ones. */
  end: number | null;
}

/**
 * The selection to show: a live link's (its branch grown to the latest message, or the whole
 * current branch when the remembered one is gone, with `gone: true`), else the branch on screen.
 */
export function initialSelection(
  tree: ConversationTree,
  remembered: ShareSelection | null,
  onScreenLeafId?: string,
): SelectionState & { gone: boolean } {
  if (remembered) {
    try {
      return { ...nextSelection(tree, {}, remembered), gone: false };
    } catch {
      return { leafMessageId: tree.currentLeafId, start: 0, end: null, gone: true };
    }
  }
  const known = onScreenLeafId && tree.messages.some((message) => message.id === onScreenLeafId);
  return { leafMessageId: known ? onScreenLeafId : tree.currentLeafId, start: 0, end: null, gone: false };
}

/** The messages a link with this selection would show (positions as the server counts them). */
export function selectedMessages(tree: ConversationTree, selection: SelectionState): Message[] {
  const visible = visibleBranch(tree.messages, selection.leafMessageId ?? tree.currentLeafId);
  return visible.slice(selection.start, selection.end ?? visible.length);
}

const rangeOf = (selection: SelectionState) => ({
  start: selection.start,
  ...(selection.end !== null ? { end: selection.end } : {}),
});

/**
 * The snapshot fields for the API: everything for a new link; for a live one only what
 * changed against `shown` (what the dialog first showed), so an untouched selection sends nothing.
 */
export function selectionInput(selection: SelectionState, shown?: SelectionState): SnapshotInput {
  const leaf = selection.leafMessageId !== null ? { leafMessageId: selection.leafMessageId } : {};
  if (!shown) return { ...leaf, range: rangeOf(selection) };
  if (selection.leafMessageId !== shown.leafMessageId) return { ...leaf, range: rangeOf(selection) };
  if (selection.start !== shown.start || selection.end !== shown.end) return { range: rangeOf(selection) };
  return {};
}

/** The secret scan of exactly these messages. */
export function scanQueryOf(selection: SelectionState | ShareSelection): ScanQuery {
  return {
    ...(selection.leafMessageId !== null ? { leafMessageId: selection.leafMessageId } : {}),
    start: selection.start,
    ...(selection.end !== null ? { end: selection.end } : {}),
  };
}
