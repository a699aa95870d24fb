/**
 * Row 4 of the table: what the first reader of a new link waits, against a reader of a page
 * already viewed. `links` 200-message conversations with code (each different, so nothing is
 * shared between their renders) are shared through the API one after another, and each new
 * link is fetched exactly once right after its creation. Between them, a link made and viewed
 * before is fetched three times (the cached view), so both figures see the same machine. One
 * kept-alive connection, browser headers (User-Agent, Accept-Encoding), timed to the last byte.
 */
import { sharer } from './api.js';
import { benchConversation } from './conversation.js';
import { BROWSER_ENCODINGS, BROWSER_UA, keepAliveClient, median, progress, quantile } from './http.js';

export interface FirstView {
  links: number;
  pageBytes: number;
  firstP50: number;
  firstP90: number;
  cachedP50: number;
  createP50: number;
}

const CACHED_PER_LINK = 3;

export async function measureFirstView(base: string, links: number): Promise<FirstView> {
  // An account of its own: share creation is rate limited per user (60 a minute).
  const share = await sharer(base, 'first-view@example.com');
  const client = keepAliveClient();
  const headers = { 'user-agent': BROWSER_UA, 'accept-encoding': BROWSER_ENCODINGS };
  const first: number[] = [];
  const create: number[] = [];
  let pageBytes = 0;
  const cached: number[] = [];
  try {
    // The already-viewed link: made and viewed before the new ones.
    const viewed = `${base}${await share(benchConversation(200, 999))}`;
    for (let run = 0; run < 10; run++) await client.get(viewed, headers);
    for (let link = 0; link < links; link++) {
      const started = performance.now();
      const path = await share(benchConversation(200, 1_000 + link));
      create.push(performance.now() - started);
      const view = await client.get(`${base}${path}`, headers);
      if (view.status !== 200) throw new Error(`first view of ${path}: ${view.status}`);
      first.push(view.ms);
      pageBytes = view.body.length;
      // Cached views between the first ones, so a burst of other work on the machine falls on both.
      for (let run = 0; run < CACHED_PER_LINK; run++) cached.push((await client.get(viewed, headers)).ms);
      if ((link + 1) % 10 === 0) {
        progress(
          `first views: ${link + 1}/${links}, p50 so far ${median(first).toFixed(1)} ms, cached ${median(cached).toFixed(1)} ms`,
        );
      }
    }
    return {
      links,
      pageBytes,
      firstP50: median(first),
      firstP90: quantile(first, 0.9),
      cachedP50: median(cached),
      createP50: median(create),
    };
  } finally {
    client.close();
  }
}
