import { createHash } from 'node:crypto';
import { contentFingerprint, messageCounts, type Message } from '@chatshare/core';
import type { Kysely } from 'kysely';

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const BATCH = 500;

interface Row {
  id: string;
  data: string;
}

/**
 * What an import needs to recognise a conversation it stored before, and one count rule.
 *
 * - `source_id`: the source's own id for the conversation (ChatGPT `conversation_id`, Claude
 *   `uuid`, …); unknown for conversations stored before, so those are recognised by content.
 * - `content_hash`: core's `contentFingerprint` of the messages as imported (appending
 *   messages later does not change it: the source did not change). Filled in here for
 *   existing conversations from their stored messages.
 * - `message_count` becomes the shown branch without system messages (core `messageCounts`),
 *   as the owner app and links show it, and `branch_count` joins it; both recomputed here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').addColumn('source_id', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('content_hash', 'text').execute();
  await db.schema
    .alterTable('conversations')
    .addColumn('branch_count', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('conversations_owner_source_idx')
    .on('conversations')
    .columns(['owner_id', 'source_id'])
    .execute();
  await db.schema
    .createIndex('conversations_owner_content_idx')
    .on('conversations')
    .columns(['owner_id', 'content_hash'])
    .execute();

  const table = db as unknown as Kysely<{ conversations: Row & Record<string, unknown> }>;
  let after = '';
  for (;;) {
    const rows = await table
      .selectFrom('conversations')
      .select(['id', 'data'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const data = JSON.parse(row.data) as { messages: Message[]; currentLeafId: string | null };
      const counts = messageCounts(data.messages, data.currentLeafId);
      await table
        .updateTable('conversations')
        .set({
          content_hash: contentFingerprint(data, sha256Hex),
          message_count: counts.messageCount,
          branch_count: counts.branchCount,
        })
        .where('id', '=', row.id)
        .execute();
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.id;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('conversations_owner_content_idx').execute();
  await db.schema.dropIndex('conversations_owner_source_idx').execute();
  for (const column of ['branch_count', 'content_hash', 'source_id']) {
    await db.schema.alterTable('conversations').dropColumn(column).execute();
  }
}
