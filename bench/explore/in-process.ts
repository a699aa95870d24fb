/**
 * Times `ExploreRepository.search` on the generated database, built as the app builds it
 * (`openDatabase`, the SQLite engine, limit 20): the SQL, the policy check of each row and
 * the highlighting, without HTTP. Calls of a kind are taken in turn; each call is made once
 * untimed first, so every figure is of a warm process (as a running server is).
 */
import { openDatabase } from '../../packages/server/src/db/connect.js';
import { ExploreRepository } from '../../packages/server/src/search/explore-repository.js';
import { sqliteSearch } from '../../packages/server/src/search/sqlite-search.js';
import type { ExploreCall, QueryKind } from './queries.js';

export const PAGE_SIZE = 20;

export async function measureInProcess(
  dataDir: string,
  kinds: readonly QueryKind[],
  samplesPerKind: number,
  onKind: (name: string, samples: number[]) => void,
): Promise<Map<string, number[]>> {
  const handle = await openDatabase({ dataDir, databaseUrl: null, databaseSchema: null });
  const explore = new ExploreRepository(handle.db, sqliteSearch(handle.db), () => new Date());
  const search = (call: ExploreCall, cursor?: string) =>
    explore.search({
      ...(call.q !== undefined ? { q: call.q } : {}),
      ...(call.sort ? { sort: call.sort } : {}),
      ...(cursor ? { cursor } : {}),
      limit: PAGE_SIZE,
    });
  const results = new Map<string, number[]>();
  try {
    for (const kind of kinds) {
      // The cursor of each call's first page, fetched untimed: only the second page is measured.
      const cursors: (string | undefined)[] = [];
      for (const call of kind.calls) {
        const first = await search(call);
        if (call.secondPage && !first.nextCursor) throw new Error(`${kind.name}: "${call.q}" has one page only`);
        cursors.push(call.secondPage ? first.nextCursor! : undefined);
        await search(call, cursors.at(-1));
      }
      const samples: number[] = [];
      for (let index = 0; index < samplesPerKind; index++) {
        const which = index % kind.calls.length;
        const started = performance.now();
        await search(kind.calls[which]!, cursors[which]);
        samples.push(performance.now() - started);
      }
      results.set(kind.name, samples);
      onKind(kind.name, samples);
    }
  } finally {
    await handle.close();
  }
  return results;
}

/** How many index entries each kind's queries match (averaged), for the table. */
export async function matchCounts(dataDir: string, kinds: readonly QueryKind[]): Promise<Map<string, number>> {
  const handle = await openDatabase({ dataDir, databaseUrl: null, databaseSchema: null });
  const { fts5Query, parseSearch } = await import('../../packages/server/src/search/query.js');
  const { sql } = await import('kysely');
  const counts = new Map<string, number>();
  try {
    for (const kind of kinds) {
      let total = 0;
      for (const call of kind.calls) {
        const result = call.q
          ? await sql<{ count: number }>`select count(*) as count from share_search_fts
              where share_search_fts match ${fts5Query(parseSearch(call.q))}`.execute(handle.db)
          : await sql<{ count: number }>`select count(*) as count from share_search`.execute(handle.db);
        total += Number(result.rows[0]?.count ?? 0);
      }
      counts.set(kind.name, Math.round(total / kind.calls.length));
    }
  } finally {
    await handle.close();
  }
  return counts;
}
