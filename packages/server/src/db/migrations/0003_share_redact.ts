import type { Kysely } from 'kysely';

// Whether the owner asked for secrets to be redacted: later refreshes of the link keep doing it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('shares')
    .addColumn('redact', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('shares').dropColumn('redact').execute();
}
