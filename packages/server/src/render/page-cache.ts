/**
 * Rendered conversation pages, kept in memory. The key holds everything a page depends on,
 * so a new snapshot, a settings change (title, author names, indexing), a new display name
 * of the sharer or another language is simply another entry and stale ones age out; nothing
 * needs to be deleted on update, on this instance or any other. Access is decided before the
 * cache is consulted, on every request.
 */
import type { ShareRecord } from '../repositories/shares.js';
import type { RenderedPage } from '../views/render.js';
import { LruCache } from './lru.js';
import type { Encoding } from './encoding.js';

const MAX_PAGES = 1_000;
const MAX_BYTES = 64 * 1024 * 1024;

export interface PageKeyInput {
  locale: string;
  indexable: boolean;
  /** Whether the page offers oEmbed discovery (see share-page.ts). */
  embeddable: boolean;
  /** The "Shared by" name as read for this request (services/shared-by.ts). */
  sharedBy: string | null;
}

export function pageCacheKey(share: ShareRecord, { locale, indexable, embeddable, sharedBy }: PageKeyInput): string {
  return JSON.stringify([
    share.id,
    // The page links to itself by code (og:image, unlock form): a rotated link is another page.
    share.code,
    share.snapshotVersion,
    share.updatedAt,
    share.title,
    share.showAuthor,
    sharedBy,
    indexable,
    embeddable,
    locale,
  ]);
}

export class PageCache {
  private readonly pages = new LruCache<RenderedPage>(MAX_PAGES, MAX_BYTES);
  /** Told whether each lookup found a page (metrics count hits and misses). */
  onLookup: ((hit: boolean) => void) | undefined;

  get(key: string): RenderedPage | undefined {
    const page = this.pages.get(key);
    this.onLookup?.(page !== undefined);
    return page;
  }

  set(key: string, page: RenderedPage): void {
    this.pages.set(key, page, page.body.byteLength);
  }

  /** The page's bytes for this response: its nonce in, compressed as asked (once per page and encoding). */
  body(key: string, page: RenderedPage, encoding: Encoding, nonce: string): Buffer {
    const bytes = Buffer.from(nonce);
    if (encoding === 'identity') return page.body.identity(bytes);
    this.pages.grow(key, page.body.prepare(encoding));
    return encoding === 'br' ? page.body.brotli(bytes) : page.body.gzip(bytes);
  }

  get size(): number {
    return this.pages.size;
  }
}
