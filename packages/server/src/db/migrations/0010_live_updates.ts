import type { Kysely } from 'kysely';

// Links that follow their conversation ("live updates"). `shares.live_updates`: NULL for a
// snapshot link (every link made before, and the default); 'current' follows the
// conversation's current branch, 'chosen' the branch the owner picked as it grows. When a
// change could not be published on its own (it adds possible secrets, or the chosen branch is
// gone), the link keeps showing what it showed and says since when and why.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['live_updates', 'live_held_at', 'live_held_reason']) {
    await db.schema.alterTable('shares').addColumn(column, 'text').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['live_held_reason', 'live_held_at', 'live_updates']) {
    await db.schema.alterTable('shares').dropColumn(column).execute();
  }
}
