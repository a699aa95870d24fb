/**
 * What a link shares of a conversation: one branch, named by its last message, and a range of
 * that branch's visible messages. A link remembers its selection, so "Update link" refreshes
 * the same part of the conversation instead of whatever branch is current.
 */
import { branchTo } from './conversation.js';
import { errors } from './errors.js';
import type { Conversation, Message } from './model.js';

/** Positions in a branch's visible messages (system messages are never shared), `end` exclusive. */
export interface MessageRange {
  start?: number;
  end?: number;
}

export interface ShareSelection {
  /**
   * The last message of the shared branch as of the last snapshot; `null` (links made before
   * selections were remembered) follows the conversation's current branch.
   */
  leafMessageId: string | null;
  start: number;
  /** `null`: up to the latest message, so an update takes in messages added since. */
  end: number | null;
}

/** The whole current branch, growing with the conversation. */
export const WHOLE_BRANCH: ShareSelection = { leafMessageId: null, start: 0, end: null };

/** The messages a link may show of the branch ending at `leafId`. */
export function visibleBranch(messages: readonly Message[], leafId: string | null): Message[] {
  return branchTo(messages, leafId).filter((message) => message.role !== 'system');
}

/**
 * Where a remembered branch has grown to since its snapshot: the current leaf when the
 * conversation went on from it; otherwise down its only child for as long as it does not fork
 * (at a fork nobody said which way, so the branch stays where it was).
 */
export function grownLeaf(conversation: Pick<Conversation, 'messages' | 'currentLeafId'>, leafId: string): string {
  const { messages, currentLeafId } = conversation;
  if (currentLeafId !== null && branchTo(messages, currentLeafId).some((message) => message.id === leafId)) {
    return currentLeafId;
  }
  const children = new Map<string, string[]>();
  for (const message of messages) {
    if (message.parentId === null) continue;
    const siblings = children.get(message.parentId);
    if (siblings) siblings.push(message.id);
    else children.set(message.parentId, [message.id]);
  }
  let cursor = leafId;
  const seen = new Set<string>();
  for (let next = children.get(cursor); next?.length === 1 && !seen.has(next[0]!); next = children.get(cursor)) {
    seen.add(cursor);
    cursor = next[0]!;
  }
  return cursor;
}

/**
 * The selection a share takes after a create or update: what was asked, else what the link
 * remembered (its branch grown to the latest message). A new branch starts with the whole of
 * it, as positions in another branch name other messages.
 */
export function nextSelection(
  conversation: Pick<Conversation, 'messages' | 'currentLeafId'>,
  asked: { leafMessageId?: string; range?: MessageRange },
  remembered: ShareSelection | null,
): ShareSelection {
  const rememberedLeaf = remembered?.leafMessageId ?? null;
  const leafMessageId =
    asked.leafMessageId ??
    (rememberedLeaf === null ? conversation.currentLeafId : knownLeaf(conversation, rememberedLeaf));
  const sameBranch = asked.leafMessageId === undefined || asked.leafMessageId === rememberedLeaf;
  const range = asked.range ?? (sameBranch && remembered ? remembered : {});
  return { leafMessageId, start: range.start ?? 0, end: range.end ?? null };
}

function knownLeaf(conversation: Pick<Conversation, 'messages' | 'currentLeafId'>, leafId: string): string {
  if (!conversation.messages.some((message) => message.id === leafId)) {
    throw errors.messageNotFound(
      'The branch this link shared is no longer in the conversation; choose what to share again.',
    );
  }
  return grownLeaf(conversation, leafId);
}

/**
 * The messages a selection picks. Throws `message_not_found` for an unknown leaf and
 * `empty_selection` for a range that holds none of the branch's messages.
 */
export function selectMessages(
  conversation: Pick<Conversation, 'messages' | 'currentLeafId'>,
  selection: { leafMessageId?: string | null; range?: MessageRange },
): Message[] {
  const leaf = selection.leafMessageId ?? conversation.currentLeafId;
  if (selection.leafMessageId && !conversation.messages.some((message) => message.id === selection.leafMessageId)) {
    throw errors.messageNotFound(`No message "${selection.leafMessageId}" in this conversation.`);
  }
  const visible = visibleBranch(conversation.messages, leaf);
  const start = selection.range?.start ?? 0;
  const end = selection.range?.end ?? visible.length;
  const chosen = visible.slice(start, end);
  if (chosen.length === 0 && visible.length > 0) {
    throw errors.emptySelection(
      `Messages ${start + 1} to ${end} hold nothing: the branch has ${visible.length} message(s) to share.`,
    );
  }
  return chosen;
}

/**
 * How a link with live updates follows its conversation: `current`, the conversation's current
 * branch wherever it goes; `chosen`, the branch the owner picked, as it grows (`grownLeaf`).
 */
export type LiveUpdates = 'current' | 'chosen';

/**
 * Why a live link stopped following and shows what it showed: the change would publish
 * possible secrets nobody decided about, or the chosen branch is no longer in the conversation.
 */
export type LiveHoldReason = 'secrets' | 'branch_gone';

/** The branch a link made live now follows: the current one when it shares the current leaf. */
export const liveUpdatesFrom = (
  conversation: Pick<Conversation, 'currentLeafId'>,
  leafMessageId: string | null,
): LiveUpdates => (leafMessageId === null || leafMessageId === conversation.currentLeafId ? 'current' : 'chosen');

/**
 * What a live link asks of `nextSelection` after its conversation changed. Following the
 * current branch, it keeps its range while that branch only grew from what it shows, and takes
 * the whole of another branch the conversation moved to; following a chosen branch, it asks
 * nothing, so the branch grows as `nextSelection` grows a remembered one.
 */
export function liveAsk(
  conversation: Pick<Conversation, 'messages' | 'currentLeafId'>,
  remembered: ShareSelection,
  follows: LiveUpdates,
): { leafMessageId?: string } {
  const { messages, currentLeafId } = conversation;
  if (follows === 'chosen' || currentLeafId === null) return {};
  const rememberedLeaf = remembered.leafMessageId;
  const grew =
    rememberedLeaf !== null && branchTo(messages, currentLeafId).some((message) => message.id === rememberedLeaf);
  return grew ? {} : { leafMessageId: currentLeafId };
}
