import { createHash, randomUUID } from 'node:crypto';
import {
  contentFingerprint,
  messageCounts,
  readableTree,
  type Conversation,
  type ConversationDraft,
  type ImportedMatch,
  type ImportFormat,
  type Message,
} from '@chatshare/core';
import type { Kysely } from 'kysely';
import type { ConversationRow, Database } from '../db/schema.js';
import { containsText } from './cursor.js';
import { keysetPage, type Keyset } from './keyset.js';

/** Where a reader's copy of a shared link came from: the link as it was then, and when. */
export interface CopiedFrom {
  code: string;
  url: string;
  at: string;
}

export interface ConversationRecord extends Conversation {
  ownerId: string;
  /** Set on a conversation saved from someone's shared link ("Save a copy"). */
  copiedFrom?: CopiedFrom;
  /** See core `messageCounts`: the shown branch without system messages, and the number of branches. */
  messageCount: number;
  branchCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationSummary {
  id: string;
  title: string;
  messageCount: number;
  branchCount: number;
  sourceFormat: ImportFormat;
  createdAt: string;
  updatedAt: string;
}

interface StoredData {
  messages: Message[];
  currentLeafId: string | null;
  models: string[];
  context?: string;
}

const toRecord = (row: ConversationRow): ConversationRecord => {
  const data = JSON.parse(row.data) as Partial<Record<keyof StoredData, unknown>>;
  // A row an older version stored broken is read as far as it matches the model (core model-guard).
  const { messages, currentLeafId } = readableTree(data.messages, data.currentLeafId);
  return {
    id: row.id,
    ownerId: row.owner_id,
    title: row.title,
    messages,
    currentLeafId,
    models: Array.isArray(data.models) ? data.models.filter((model) => typeof model === 'string') : [],
    ...(typeof data.context === 'string' && data.context ? { context: data.context } : {}),
    source: {
      format: row.source_format as ImportFormat,
      importedAt: row.imported_at,
      ...(row.source_id ? { id: row.source_id } : {}),
    },
    messageCount: row.message_count,
    branchCount: row.branch_count,
    ...(row.copied_from_code !== null && row.copied_from_url !== null && row.copied_at !== null
      ? { copiedFrom: { code: row.copied_from_code, url: row.copied_from_url, at: row.copied_at } }
      : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
};

const toSummary = (row: SummaryRow): ConversationSummary => ({
  id: row.id,
  title: row.title,
  messageCount: row.message_count,
  branchCount: row.branch_count,
  sourceFormat: row.source_format as ImportFormat,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

type SummaryRow = Pick<
  ConversationRow,
  'id' | 'title' | 'message_count' | 'branch_count' | 'source_format' | 'created_at' | 'updated_at'
>;

/** The owner's list: most recently updated first. */
const BY_LAST_UPDATE: Keyset = { sort: 'updated_at', id: 'id', order: 'desc', valueType: 'string' };

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** The fingerprint stored with a conversation as imported (core `contentFingerprint`). */
export const fingerprintOf = (tree: Pick<ConversationDraft, 'messages' | 'currentLeafId'>): string =>
  contentFingerprint(tree, sha256Hex);

const countColumns = (tree: Pick<StoredData, 'messages' | 'currentLeafId'>) => {
  const { messageCount, branchCount } = messageCounts(tree.messages, tree.currentLeafId);
  return { message_count: messageCount, branch_count: branchCount };
};

/** A stored conversation an import may be a copy of (see `findImported`). */
export interface ImportedRow extends ImportedMatch {
  sourceId: string | null;
}

/** An imported conversation's new version, replacing the stored messages (the title stays the owner's). */
export interface ImportUpdate {
  id: string;
  draft: ConversationDraft;
  contentHash: string;
}

const serialize = (tree: StoredData): string =>
  JSON.stringify({
    messages: tree.messages,
    currentLeafId: tree.currentLeafId,
    models: tree.models,
    ...(tree.context ? { context: tree.context } : {}),
  });

export class ConversationRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {}

  /**
   * Stores a new conversation; `contentHash` saves hashing again when the caller has it, and
   * `copiedFrom` marks a reader's copy of a shared link.
   */
  async create(
    ownerId: string,
    draft: ConversationDraft,
    contentHash: string = fingerprintOf(draft),
    copiedFrom?: CopiedFrom,
  ): Promise<ConversationRecord> {
    const at = this.now().toISOString();
    const row: ConversationRow = {
      id: randomUUID(),
      owner_id: ownerId,
      title: draft.title,
      data: serialize(draft),
      source_format: draft.source.format,
      imported_at: draft.source.importedAt,
      ...countColumns(draft),
      source_id: draft.source.id ?? null,
      content_hash: contentHash,
      copied_from_code: copiedFrom?.code ?? null,
      copied_from_url: copiedFrom?.url ?? null,
      copied_at: copiedFrom?.at ?? null,
      created_at: at,
      updated_at: at,
    };
    await this.db.insertInto('conversations').values(row).execute();
    return toRecord(row);
  }

  /**
   * The owner's conversations an incoming one may be a copy of, newest first: those with the
   * same source id in the same format; when there are none (or the source has no id), those
   * without a source id and the same content (conversations stored before source ids were
   * kept, and formats without ids). Never another owner's.
   */
  async findImported(
    ownerId: string,
    incoming: { format: ImportFormat; sourceId: string | null; contentHash: string },
  ): Promise<ImportedRow[]> {
    const base = this.db
      .selectFrom('conversations')
      .select(['id', 'content_hash', 'source_id'])
      .where('owner_id', '=', ownerId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc');
    const map = (rows: { id: string; content_hash: string | null; source_id: string | null }[]) =>
      rows.map((row) => ({ id: row.id, contentHash: row.content_hash, sourceId: row.source_id }));
    if (incoming.sourceId !== null) {
      const bySource = await base
        .where('source_id', '=', incoming.sourceId)
        .where('source_format', '=', incoming.format)
        .execute();
      if (bySource.length > 0) return map(bySource);
    }
    return map(await base.where('content_hash', '=', incoming.contentHash).where('source_id', 'is', null).execute());
  }

  /**
   * Applies the updates of one import together: each replaces the messages of a conversation
   * of `ownerId` (its id, title and links stay), and `adopt` gives source ids to conversations
   * recognised by content. Resolves to the ids that no longer exist (deleted meanwhile).
   */
  async applyImport(
    ownerId: string,
    updates: readonly ImportUpdate[],
    adopt: readonly { id: string; sourceId: string }[] = [],
  ): Promise<Set<string>> {
    const gone = new Set<string>();
    if (updates.length === 0 && adopt.length === 0) return gone;
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      for (const { id, draft, contentHash } of updates) {
        const result = await trx
          .updateTable('conversations')
          .set({
            data: serialize(draft),
            ...countColumns(draft),
            source_id: draft.source.id ?? null,
            content_hash: contentHash,
            imported_at: draft.source.importedAt,
            updated_at: at,
          })
          .where('id', '=', id)
          .where('owner_id', '=', ownerId)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) gone.add(id);
      }
      for (const { id, sourceId } of adopt) {
        await trx
          .updateTable('conversations')
          .set({ source_id: sourceId })
          .where('id', '=', id)
          .where('owner_id', '=', ownerId)
          .where('source_id', 'is', null)
          .execute();
      }
    });
    return gone;
  }

  async findById(id: string): Promise<ConversationRecord | undefined> {
    const row = await this.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  /** The owner's conversations, most recently updated first, searchable by title. */
  async list(
    ownerId: string,
    options: { q?: string; cursor?: string; limit: number },
  ): Promise<{ items: ConversationSummary[]; nextCursor: string | null }> {
    let query = this.db
      .selectFrom('conversations')
      .select(['id', 'title', 'source_format', 'message_count', 'branch_count', 'created_at', 'updated_at'])
      .where('owner_id', '=', ownerId);
    if (options.q) query = query.where(containsText('title', options.q));
    const page = await keysetPage(
      query,
      { ...BY_LAST_UPDATE, keyOf: (row) => ({ value: row.updated_at, id: row.id }) },
      options,
    );
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
  }

  async rename(id: string, title: string): Promise<void> {
    await this.db
      .updateTable('conversations')
      .set({ title, updated_at: this.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async replaceTree(id: string, tree: StoredData): Promise<void> {
    await this.db
      .updateTable('conversations')
      .set({ data: serialize(tree), ...countColumns(tree), updated_at: this.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('conversations').where('id', '=', id).execute();
  }
}
