/**
 * What a link freezes of its conversation: the presented snapshot of its selection, redacted
 * or not, and the possible secrets in it. Creating, updating and live updates all freeze here.
 */
import {
  nextSelection,
  presentSnapshot,
  scanSnapshot,
  type SecretWarning,
  type ShareSelection,
  type Snapshot,
  type SnapshotOptions,
} from '@chatshare/core';
import type { ConversationRecord } from '../repositories/conversations.js';
import type { ShareContent, ShareRecord } from '../repositories/shares.js';

export type SnapshotChoice = { redact?: boolean; leafMessageId?: string; range?: SnapshotOptions['range'] };

/** A finding, and whether the frozen copy replaced it. */
export type FrozenWarning = SecretWarning & { redacted: boolean };

/** Redaction as asked now, or as the owner chose when they last said. */
const redactionOf = (input: { redact?: boolean }, share?: ShareRecord) => input.redact ?? share?.redact ?? false;

function freeze(conversation: ConversationRecord, input: { selection: ShareSelection; redact: boolean }) {
  // Authors are kept in the stored copy and dropped at read time unless `showAuthor`, so the
  // owner can switch names on and off without re-sharing newer messages.
  const { leafMessageId, start, end } = input.selection;
  const options: SnapshotOptions = {
    showAuthor: true,
    redact: false,
    ...(leafMessageId !== null ? { leafMessageId } : {}),
    range: { start, ...(end !== null ? { end } : {}) },
  };
  const plain = presentSnapshot(conversation, options);
  const found = scanSnapshot(plain);
  const snapshot = input.redact ? presentSnapshot(conversation, { ...options, redact: true }) : plain;
  const warnings: FrozenWarning[] = found.map((warning) => ({ ...warning, redacted: input.redact }));
  return { snapshot, warnings };
}

/** The snapshot a create or update asks for: its own choice, else what the link remembered. */
export function freezeFor(conversation: ConversationRecord, input: SnapshotChoice, share?: ShareRecord) {
  const selection = nextSelection(conversation, input, share?.selection ?? null);
  const redact = redactionOf(input, share);
  const { snapshot, warnings } = freeze(conversation, { selection, redact });
  return { content: { snapshot, selection, redact } satisfies ShareContent, warnings };
}

export type Frozen = ReturnType<typeof freezeFor>;

/** The findings of `frozen` that the link, now showing `shown`, does not show yet. */
export const secretsNotShown = (frozen: Frozen, shown: Snapshot | undefined): FrozenWarning[] =>
  newSecrets(frozen.warnings, shown ? scanSnapshot(shown) : []);

/**
 * The title a new snapshot brings to `share`, now showing `shown`: a title the owner set for
 * the link survives; otherwise it follows the conversation.
 */
export const titleChange = (share: ShareRecord, shown: Snapshot | undefined, frozen: Frozen): { title?: string } =>
  !shown || share.title === shown.title ? { title: frozen.content.snapshot.title } : {};

/** Findings of `next` that `current` does not already show (each counted as often as it appears). */
function newSecrets<W extends SecretWarning>(next: W[], current: SecretWarning[]): W[] {
  const shown = new Map<string, number>();
  const keyOf = (warning: SecretWarning) => `${warning.kind}\u0000${warning.preview}`;
  for (const warning of current) shown.set(keyOf(warning), (shown.get(keyOf(warning)) ?? 0) + 1);
  return next.filter((warning) => {
    const left = shown.get(keyOf(warning)) ?? 0;
    if (left === 0) return true;
    shown.set(keyOf(warning), left - 1);
    return false;
  });
}
