/** Walking cursor-paged lists (`{ items, nextCursor }`) without writing the loop each time. */
import { ChatshareError } from './errors.js';
import type { Page, PageQuery } from './types.js';

/** Yields every page, starting at `query.cursor` (or the first page), until `nextCursor` is null. */
export async function* paginatePages<T, Q extends PageQuery>(
  fetchPage: (query: Q) => Promise<Page<T>>,
  query: Q,
): AsyncGenerator<Page<T>, void, undefined> {
  const seen = new Set<string>();
  let cursor = query.cursor;
  for (;;) {
    const page = await fetchPage(cursor === undefined ? query : { ...query, cursor });
    yield page;
    if (page.nextCursor === null) return;
    // A cursor that comes back again would loop forever; that is a server fault, not the end.
    if (seen.has(page.nextCursor)) {
      throw new ChatshareError({
        status: 0,
        code: 'invalid_response',
        message: 'The server returned a paging cursor it had already returned.',
      });
    }
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}

/** Yields every item of every page; stop early with `break` and no further page is fetched. */
export async function* paginate<T, Q extends PageQuery>(
  fetchPage: (query: Q) => Promise<Page<T>>,
  query: Q,
): AsyncGenerator<T, void, undefined> {
  for await (const page of paginatePages(fetchPage, query)) yield* page.items;
}
