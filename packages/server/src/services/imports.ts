/**
 * Imports a whole export file for one user: read as a stream, each new conversation stored as
 * it is read. A conversation the user imported before (same source id, or same content when
 * the source has none) is skipped, replaced or copied as `onDuplicate` says.
 *
 * Nothing is half-imported: replacements are held until the whole file has been read and are
 * then written in one transaction; if the file turns out to be unreadable part-way
 * (truncated, not JSON, over the size limit), the conversations already created from it are
 * removed again and no stored conversation has changed.
 */
import {
  decideDuplicate,
  duplicateReason,
  importStream,
  supersededSkip,
  type ConversationDraft,
  type DuplicateCode,
  type DuplicateDecision,
  type ImportFormat,
  type OnDuplicate,
} from '@chatshare/core';
import { fingerprintOf, type ConversationRepository } from '../repositories/conversations.js';

export interface ImportedItem {
  index: number;
  id: string;
  title: string;
  messageCount: number;
  branchCount: number;
}

export interface SkippedItem {
  index: number;
  path: string;
  title?: string;
  reason: string;
  /** Set for a conversation imported before; `conversationId` is the stored one. */
  code?: DuplicateCode;
  conversationId?: string;
}

export interface ImportReport {
  format: ImportFormat | null;
  imported: ImportedItem[];
  /** Conversations imported before whose messages were replaced by this file's (`onDuplicate: 'update'`). */
  updated: ImportedItem[];
  skipped: SkippedItem[];
}

type Conversations = Pick<ConversationRepository, 'findImported' | 'create' | 'applyImport' | 'delete' | 'findById'>;

export interface ImportMatch {
  decision: DuplicateDecision;
  contentHash: string;
  /** A conversation recognised by content that should now carry the draft's source id. */
  adopt?: { id: string; sourceId: string };
}

/** How an incoming conversation relates to what the owner has stored (see core `decideDuplicate`). */
export async function matchImported(
  conversations: Pick<ConversationRepository, 'findImported'>,
  ownerId: string,
  draft: ConversationDraft,
  onDuplicate: OnDuplicate,
): Promise<ImportMatch> {
  const contentHash = fingerprintOf(draft);
  const sourceId = draft.source.id ?? null;
  const matches = await conversations.findImported(ownerId, { format: draft.source.format, sourceId, contentHash });
  const decision = decideDuplicate(matches, contentHash, onDuplicate);
  const found = decision.action === 'skip' ? matches.find((match) => match.id === decision.conversationId) : undefined;
  return {
    decision,
    contentHash,
    ...(found && sourceId !== null && found.sourceId === null ? { adopt: { id: found.id, sourceId } } : {}),
  };
}

export async function importFile(
  deps: { conversations: Conversations; now: () => Date },
  ownerId: string,
  chunks: AsyncIterable<Uint8Array | string>,
  options: { format?: ImportFormat; onDuplicate?: OnDuplicate; onProgress?: (report: ImportReport) => void } = {},
): Promise<ImportReport> {
  const onDuplicate = options.onDuplicate ?? 'skip';
  const report: ImportReport = { format: null, imported: [], updated: [], skipped: [] };
  // By stored id: a later version of the same conversation in the file replaces an earlier one.
  const updates = new Map<string, { index: number; draft: ConversationDraft; contentHash: string }>();
  const adopt: { id: string; sourceId: string }[] = [];
  let gone: Set<string>;
  try {
    for await (const event of importStream(chunks, {
      now: deps.now(),
      ...(options.format ? { format: options.format } : {}),
    })) {
      if (event.type === 'format') {
        report.format = event.format;
        continue;
      }
      if (event.type === 'skipped') {
        const { type: _type, ...skipped } = event;
        report.skipped.push(skipped);
        continue;
      }
      const { draft, index } = event;
      const {
        decision,
        contentHash,
        adopt: adoption,
      } = await matchImported(deps.conversations, ownerId, draft, onDuplicate);
      if (decision.action === 'create') {
        const stored = await deps.conversations.create(ownerId, draft, contentHash);
        report.imported.push(itemOf(index, stored));
      } else if (decision.action === 'skip') {
        if (adoption) adopt.push(adoption);
        report.skipped.push({
          index,
          path: `[${index}]`,
          title: draft.title,
          reason: duplicateReason(decision.code, decision.conversationId),
          code: decision.code,
          conversationId: decision.conversationId,
        });
      } else {
        const earlier = updates.get(decision.conversationId);
        if (earlier) report.skipped.push(supersededSkip(earlier, index, decision.conversationId));
        updates.set(decision.conversationId, { index, draft, contentHash });
      }
      options.onProgress?.(report);
    }
    // The whole file has been read: only now does anything stored change, all at once.
    gone = await deps.conversations.applyImport(
      ownerId,
      [...updates].map(([id, update]) => ({ id, ...update })),
      adopt,
    );
  } catch (error) {
    for (const { id } of report.imported) await deps.conversations.delete(id);
    throw error;
  }
  for (const [id, { index, draft }] of updates) {
    const stored = gone.has(id) ? undefined : await deps.conversations.findById(id);
    if (stored) report.updated.push(itemOf(index, stored));
    else
      report.skipped.push({
        index,
        path: `[${index}]`,
        title: draft.title,
        reason: `conversation ${id} was deleted during the import`,
      });
  }
  report.imported.sort((a, b) => a.index - b.index);
  report.updated.sort((a, b) => a.index - b.index);
  report.skipped.sort((a, b) => a.index - b.index);
  return report;
}

const itemOf = (
  index: number,
  stored: { id: string; title: string; messageCount: number; branchCount: number },
): ImportedItem => ({
  index,
  id: stored.id,
  title: stored.title,
  messageCount: stored.messageCount,
  branchCount: stored.branchCount,
});
