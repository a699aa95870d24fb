import { PostgresAdapter, type Kysely } from 'kysely';

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Pre-rendered share pages (render/conversation-pages.ts): each variant of a link's page (the
 * page or the embed, per language, the owner's own) as the bytes every encoding is sent in,
 * so any instance serves a link's first view without rendering it. `render_key` names the
 * version of the link the bytes show; a row of another version is never served. Rows go with
 * their share (cascade), and when it is revoked, taken down, expires or runs out of views.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const bytes = isPostgres(db) ? 'bytea' : 'blob';
  await db.schema
    .createTable('share_pages')
    .addColumn('share_id', 'text', (col) => col.notNull().references('shares.id').onDelete('cascade'))
    .addColumn('variant', 'text', (col) => col.notNull())
    .addColumn('render_key', 'text', (col) => col.notNull())
    .addColumn('etag', 'text', (col) => col.notNull())
    // JSON `{ scriptHashes, styleHashes }`: what the page's CSP must allow.
    .addColumn('policy', 'text', (col) => col.notNull())
    .addColumn('identity', bytes, (col) => col.notNull())
    .addColumn('gzip', bytes, (col) => col.notNull())
    .addColumn('br', bytes, (col) => col.notNull())
    .addColumn('rendered_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('share_pages_pk', ['share_id', 'variant'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('share_pages').execute();
}
