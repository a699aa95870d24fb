/**
 * How an import recognises a conversation it has stored before: by the source's own id for
 * the conversation (`source.id`, where the format has one) and by a fingerprint of its
 * content. Pure: the caller passes the hash function, as with short codes.
 */
import type { SkippedConversation } from './importers/types.js';
import type { ConversationDraft } from './model.js';

/** What to do with a conversation that was imported before: see `decideDuplicate`. */
export const ON_DUPLICATE = ['skip', 'update', 'copy'] as const;
export type OnDuplicate = (typeof ON_DUPLICATE)[number];

/** Why a conversation of an import was not stored (the error codes of the single-conversation route). */
export type DuplicateCode = 'already_imported' | 'changed_since_import';

/** Bumped when the canonical form changes: fingerprints of two versions never match. */
const CANONICAL_VERSION = 1;

/** JSON with object keys in code-point order and `undefined` members left out, so equal content is equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    // Own entries only: a key such as `__proto__` from the input is data like any other.
    const members = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The content an import compares: every message of the tree (ids, parents, roles, parts,
 * dates, models) and the shown branch. Not the title, the models list (derived from the
 * messages), hidden context or the import time: a conversation renamed at the source, or
 * imported again a day later, is the same conversation.
 */
export function canonicalContent(conversation: Pick<ConversationDraft, 'messages' | 'currentLeafId'>): string {
  return canonicalJson({
    v: CANONICAL_VERSION,
    messages: conversation.messages,
    currentLeafId: conversation.currentLeafId,
  });
}

/**
 * The fingerprint stored with a conversation: `sha256:` and the hex digest of its canonical content.
 *
 * @param sha256Hex hashes UTF-8 text to lower-case hex, e.g.
 *   `(text) => createHash('sha256').update(text).digest('hex')`
 */
export function contentFingerprint(
  conversation: Pick<ConversationDraft, 'messages' | 'currentLeafId'>,
  sha256Hex: (text: string) => string,
): string {
  return `sha256:${sha256Hex(canonicalContent(conversation))}`;
}

/** A stored conversation an incoming one may be a copy of. */
export interface ImportedMatch {
  id: string;
  /** Null for conversations stored before fingerprints were kept. */
  contentHash: string | null;
}

export type DuplicateDecision =
  | { action: 'create' }
  | { action: 'skip'; code: DuplicateCode; conversationId: string }
  | { action: 'update'; conversationId: string };

/**
 * What an import does with an incoming conversation, given the owner's conversations with
 * the same source id (newest first) — or, when the source has no id, those with the same
 * content. Identical content is skipped whatever the choice but `copy`; changed content
 * (the chat went on at the source) is skipped by default, replaced in the newest match with
 * `update`, and stored anew with `copy`.
 *
 * @example decideDuplicate([{ id: 'c1', contentHash: 'sha256:ab' }], 'sha256:ab', 'skip')
 *   // { action: 'skip', code: 'already_imported', conversationId: 'c1' }
 */
export function decideDuplicate(
  matches: readonly ImportedMatch[],
  contentHash: string,
  onDuplicate: OnDuplicate,
): DuplicateDecision {
  if (onDuplicate === 'copy' || matches.length === 0) return { action: 'create' };
  const same = matches.find((match) => match.contentHash === contentHash);
  if (same) return { action: 'skip', code: 'already_imported', conversationId: same.id };
  const newest = matches[0]!;
  return onDuplicate === 'update'
    ? { action: 'update', conversationId: newest.id }
    : { action: 'skip', code: 'changed_since_import', conversationId: newest.id };
}

/** The reason a report gives for a skipped duplicate; `hint` says how to take the new version in. */
export function duplicateReason(
  code: DuplicateCode,
  conversationId: string,
  hint = 'import it again with onDuplicate "update" to replace its messages',
): string {
  return code === 'already_imported'
    ? `already imported (conversation ${conversationId})`
    : `changed since import (conversation ${conversationId}): ${hint}`;
}

/**
 * The skip entry for an earlier version of a conversation that the same file holds again
 * further on (at `later`): the later version is the one that updates `conversationId`.
 */
export const supersededSkip = (
  earlier: { index: number; draft: Pick<ConversationDraft, 'title'> },
  later: number,
  conversationId: string,
): SkippedConversation => ({
  index: earlier.index,
  path: `[${earlier.index}]`,
  title: earlier.draft.title,
  reason: `the file holds a later version of it at [${later}], which updates conversation ${conversationId}`,
});
