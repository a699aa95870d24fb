/**
 * A least-recently-used cache bounded by entry count and by total size in bytes: the
 * `lru-cache` package, behind the three operations the page caches use.
 */
import { LRUCache } from 'lru-cache';

interface Entry<V> {
  value: V;
  size: number;
}

export class LruCache<V> {
  private readonly entries: LRUCache<string, Entry<V>>;

  constructor(maxEntries: number, maxBytes: number) {
    this.entries = new LRUCache<string, Entry<V>>({ max: maxEntries, maxSize: maxBytes });
  }

  get(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Stores the value, unless it alone is larger than the cache (then the key is dropped). */
  set(key: string, value: V, size: number): void {
    if (size > this.entries.maxSize) this.entries.delete(key);
    else this.entries.set(key, { value, size }, { size });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.entries.calculatedSize;
  }
}
