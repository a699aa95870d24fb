import type { Kysely } from 'kysely';

// Views per share per UTC day, for the owner's chart. `day` is `YYYY-MM-DD` text (it sorts in
// time order on both dialects); rows are upserted with `views = views + n` where views are written.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('share_daily_views')
    .addColumn('share_id', 'text', (col) => col.notNull().references('shares.id').onDelete('cascade'))
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('views', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('share_daily_views_pk', ['share_id', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('share_daily_views').execute();
}
