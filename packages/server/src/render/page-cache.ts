/**
 * Rendered conversation pages kept in this process's memory, in front of the stored ones
 * (render/conversation-pages.ts). The key holds everything a page depends on, so a new
 * version of a link is simply another entry and stale ones age out; nothing needs to be
 * deleted on update, on this instance or any other. Access is decided before the cache is
 * consulted, on every request.
 */
import type { PageBody } from './page-body.js';
import { LruCache } from './lru.js';

const MAX_PAGES = 1_000;
const MAX_BYTES = 64 * 1024 * 1024;

/** A page ready to send: its bytes in every encoding and its CSP, made once. */
export interface RenderedPage {
  body: PageBody;
  /** What the CSP allows (kept so the page can be stored with it). */
  scriptHashes: readonly string[];
  styleHashes: readonly string[];
  /** The Content-Security-Policy header of this page. */
  csp: string;
}

export class PageCache {
  private readonly pages = new LruCache<RenderedPage>(MAX_PAGES, MAX_BYTES);
  /** Told whether each lookup found a page (metrics count hits and misses). */
  onLookup: ((hit: boolean) => void) | undefined;
  /** Told, after a miss here, whether the page store had the page (metrics). */
  onStoreLookup: ((found: boolean) => void) | undefined;

  get(key: string): RenderedPage | undefined {
    const page = this.pages.get(key);
    this.onLookup?.(page !== undefined);
    return page;
  }

  /** `get` that counts only a hit: a miss is counted by the `get` that follows it. */
  hit(key: string): RenderedPage | undefined {
    const page = this.pages.get(key);
    if (page) this.onLookup?.(true);
    return page;
  }

  set(key: string, page: RenderedPage): void {
    this.pages.set(key, page, page.body.byteLength);
  }

  get size(): number {
    return this.pages.size;
  }
}
