import { randomUUID } from 'node:crypto';
import type { Conversation, ConversationDraft, ImportFormat, Message } from '@chatshare/core';
import type { Kysely } from 'kysely';
import type { ConversationRow, Database } from '../db/schema.js';
import { containsText, decodeCursor, encodeCursor } from './cursor.js';

export interface ConversationRecord extends Conversation {
  ownerId: string;
  messageCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationSummary {
  id: string;
  title: string;
  messageCount: number;
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
  const data = JSON.parse(row.data) as StoredData;
  return {
    id: row.id,
    ownerId: row.owner_id,
    title: row.title,
    messages: data.messages,
    currentLeafId: data.currentLeafId,
    models: data.models,
    ...(data.context ? { context: data.context } : {}),
    source: { format: row.source_format as ImportFormat, importedAt: row.imported_at },
    messageCount: row.message_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
};

const toSummary = (row: Omit<ConversationRow, 'data'>): ConversationSummary => ({
  id: row.id,
  title: row.title,
  messageCount: row.message_count,
  sourceFormat: row.source_format as ImportFormat,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

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

  async create(ownerId: string, draft: ConversationDraft): Promise<ConversationRecord> {
    const at = this.now().toISOString();
    const row: ConversationRow = {
      id: randomUUID(),
      owner_id: ownerId,
      title: draft.title,
      data: serialize(draft),
      source_format: draft.source.format,
      imported_at: draft.source.importedAt,
      message_count: draft.messages.length,
      created_at: at,
      updated_at: at,
    };
    await this.db.insertInto('conversations').values(row).execute();
    return toRecord(row);
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
      .select(['id', 'owner_id', 'title', 'source_format', 'imported_at', 'message_count', 'created_at', 'updated_at'])
      .where('owner_id', '=', ownerId);
    if (options.q) {
      query = query.where(containsText('title', options.q));
    }
    if (options.cursor) {
      const { value, id } = decodeCursor(options.cursor);
      query = query.where((eb) =>
        eb.or([
          eb('updated_at', '<', String(value)),
          eb.and([eb('updated_at', '=', String(value)), eb('id', '<', id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit + 1)
      .execute();
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > options.limit && last ? encodeCursor(last.updated_at, last.id) : null,
    };
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
      .set({ data: serialize(tree), message_count: tree.messages.length, updated_at: this.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('conversations').where('id', '=', id).execute();
  }
}
