import type { Kysely } from 'kysely';

// Readers saving a copy of a link into their own account. `shares.allow_copy`: the owner's
// choice, 0 or 1; NULL on every link made before (and whenever the owner never chose), which
// means the default by privacy (core `ownerAllowsCopy`). On a conversation that is such a copy,
// where it came from: the link's code and public address when copied, and when.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('shares').addColumn('allow_copy', 'integer').execute();
  for (const column of ['copied_from_code', 'copied_from_url', 'copied_at']) {
    await db.schema.alterTable('conversations').addColumn(column, 'text').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['copied_at', 'copied_from_url', 'copied_from_code']) {
    await db.schema.alterTable('conversations').dropColumn(column).execute();
  }
  await db.schema.alterTable('shares').dropColumn('allow_copy').execute();
}
