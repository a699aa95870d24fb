import type { Kysely } from 'kysely';

// Admins named by the operator (`chatshare admin create`), on top of ADMIN_EMAILS and the first
// account: when the grant was made, NULL for everyone else.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('admin_granted_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('admin_granted_at').execute();
}
