/**
 * Builds explore's repository and index for a database, and fills the index once when it is
 * created: whatever applies the migration that adds it (the server at start, or
 * `npm run migrate`) indexes the public shares made before, so later starts do no such scan.
 */
import type { DatabaseHandle } from '../db/connect.js';
import type { ShareRepository } from '../repositories/shares.js';
import { ExploreRepository } from './explore-repository.js';
import { postgresSearch } from './postgres-search.js';
import { SearchIndex } from './search-index.js';
import { sqliteSearch } from './sqlite-search.js';

/** The migration that creates `share_search`. */
export const SEARCH_INDEX_MIGRATION = '0004_explore_reports';

export function createSearch(handle: Pick<DatabaseHandle, 'db' | 'dialect'>, shares: ShareRepository, now: () => Date) {
  const engine = handle.dialect === 'postgres' ? postgresSearch(handle.db) : sqliteSearch(handle.db);
  const explore = new ExploreRepository(handle.db, engine, now);
  return { explore, searchIndex: new SearchIndex(handle.db, shares, explore, now) };
}

/** Indexes the shares that predate the index, if `applied` (just-run migrations) created it. */
export async function indexAfterUpgrade(searchIndex: SearchIndex, applied: readonly string[]): Promise<number> {
  return applied.includes(SEARCH_INDEX_MIGRATION) ? searchIndex.indexMissing() : 0;
}
