import type { Kysely } from 'kysely';

// What a link shares of its conversation (a branch by its last message, a range of positions),
// so "Update link" refreshes that part. Existing links keep NULL: the current branch, whole.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('shares').addColumn('selection_leaf_id', 'text').execute();
  await db.schema
    .alterTable('shares')
    .addColumn('selection_start', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('shares').addColumn('selection_end', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['selection_end', 'selection_start', 'selection_leaf_id']) {
    await db.schema.alterTable('shares').dropColumn(column).execute();
  }
}
