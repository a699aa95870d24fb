/** Applies pending migrations (and the search index they may need), then closes the database. */
import { migrateToLatest, openDatabase, type DatabaseHandle } from './db/connect.js';
import { ConfigError, loadConfig } from './env.js';
import { ShareRepository } from './repositories/shares.js';
import { createSearch, indexAfterUpgrade } from './search/setup.js';

/**
 * Brings an open database up to date, as the server does at start: the pending migrations,
 * then the search index of shares that predate it. Resolves to what was done.
 */
export async function upgradeDatabase(handle: DatabaseHandle): Promise<{ applied: string[]; indexed: number }> {
  const applied = await migrateToLatest(handle);
  const now = () => new Date();
  const { searchIndex } = createSearch(handle, new ShareRepository(handle.db, now), now);
  return { applied, indexed: await indexAfterUpgrade(searchIndex, applied) };
}

/** Resolves to the exit code: 0 when the database is up to date, 1 after printing why not. */
export async function runMigrations(): Promise<number> {
  try {
    const config = loadConfig();
    const handle = await openDatabase(config);
    const { applied, indexed } = await upgradeDatabase(handle);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
    if (indexed > 0) console.log(`indexed ${indexed} public shares for explore and search`);
    await handle.close();
    return 0;
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    return 1;
  }
}
