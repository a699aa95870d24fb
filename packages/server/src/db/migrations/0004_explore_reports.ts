import { PostgresAdapter, sql, type Kysely } from 'kysely';

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Explore, search, reports and takedown.
 *
 * `share_search` holds the searchable text of shares that may be listed (public, no password,
 * live, not taken down); expiry and view limits change without a write, so every search also
 * checks the share's live state. Full-text indexing differs by dialect: an FTS5 table kept in
 * step by triggers on SQLite, a generated `tsvector` column with a GIN index on PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('shares').addColumn('taken_down_at', 'text').execute();
  await db.schema.alterTable('shares').addColumn('takedown_reason', 'text').execute();
  await db.schema.alterTable('shares').addColumn('taken_down_by', 'text').execute();
  // Explore's "most viewed" walks this index instead of sorting every share; it holds every
  // column of the listing rule, so the walk never reads a share's row (and its snapshot).
  await db.schema
    .createIndex('shares_view_count_idx')
    .on('shares')
    .columns(['view_count', 'id', 'privacy', 'password_hash', 'revoked_at', 'taken_down_at', 'expires_at', 'max_views'])
    .execute();

  // Sharing a conversation again is refused while any of its links is taken down: checked on
  // every share, so by a small index holding only taken-down links.
  await sql`create index shares_taken_down_idx on shares (conversation_id) where taken_down_at is not null`.execute(db);
  // Without ADMIN_EMAILS the first account is the admin. It is marked when it signs up (not
  // found by sorting on time: two sign-ups in the same millisecond would tie), at most once.
  await db.schema.alterTable('users').addColumn('first_account', 'integer').execute();
  await sql`create unique index users_first_account_idx on users (first_account) where first_account = 1`.execute(db);
  // An instance that had accounts before: its earliest one is the first.
  await sql`update users set first_account = 1 where id = (
    select id from users order by created_at, id limit 1)`.execute(db);

  await db.schema
    .createTable('share_reports')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('share_id', 'text', (col) => col.notNull().references('shares.id').onDelete('cascade'))
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('reporter_id', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolution', 'text')
    .addColumn('resolved_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('share_reports_open_idx')
    .on('share_reports')
    .columns(['resolved_at', 'created_at'])
    .execute();
  await db.schema.createIndex('share_reports_share_idx').on('share_reports').column('share_id').execute();

  if (isPostgres(db)) {
    await db.schema
      .createTable('share_search')
      .addColumn('share_id', 'text', (col) => col.primaryKey().references('shares.id').onDelete('cascade'))
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('excerpt', 'text', (col) => col.notNull())
      .addColumn('models', 'text', (col) => col.notNull())
      .addColumn('listed_at', 'text', (col) => col.notNull())
      .addColumn('document', sql`tsvector`, (col) =>
        col
          .generatedAlwaysAs(
            sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')`,
          )
          .stored(),
      )
      .execute();
    await sql`create index share_search_document_idx on share_search using gin (document)`.execute(db);
  } else {
    await db.schema
      .createTable('share_search')
      // An integer key: FTS5 refers to rows by it, and it never changes (unlike an implicit rowid).
      .addColumn('doc_id', 'integer', (col) => col.primaryKey())
      .addColumn('share_id', 'text', (col) => col.notNull().unique().references('shares.id').onDelete('cascade'))
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('excerpt', 'text', (col) => col.notNull())
      .addColumn('models', 'text', (col) => col.notNull())
      .addColumn('listed_at', 'text', (col) => col.notNull())
      .execute();
    await sql`create virtual table share_search_fts using fts5(
      title, body, content='share_search', content_rowid='doc_id',
      tokenize='porter unicode61 remove_diacritics 2'
    )`.execute(db);
    await sql`create trigger share_search_ai after insert on share_search begin
      insert into share_search_fts(rowid, title, body) values (new.doc_id, new.title, new.body);
    end`.execute(db);
    await sql`create trigger share_search_ad after delete on share_search begin
      insert into share_search_fts(share_search_fts, rowid, title, body) values ('delete', old.doc_id, old.title, old.body);
    end`.execute(db);
    await sql`create trigger share_search_au after update on share_search begin
      insert into share_search_fts(share_search_fts, rowid, title, body) values ('delete', old.doc_id, old.title, old.body);
      insert into share_search_fts(rowid, title, body) values (new.doc_id, new.title, new.body);
    end`.execute(db);
  }
  await db.schema
    .createIndex('share_search_listed_idx')
    .on('share_search')
    .columns(['listed_at', 'share_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) await sql`drop table if exists share_search_fts`.execute(db);
  await db.schema.dropTable('share_search').execute();
  await db.schema.dropTable('share_reports').execute();
  await db.schema.dropIndex('shares_view_count_idx').execute();
  await db.schema.dropIndex('users_first_account_idx').execute();
  await db.schema.dropIndex('shares_taken_down_idx').execute();
  await db.schema.alterTable('users').dropColumn('first_account').execute();
  for (const column of ['taken_down_by', 'takedown_reason', 'taken_down_at']) {
    await db.schema.alterTable('shares').dropColumn(column).execute();
  }
}
