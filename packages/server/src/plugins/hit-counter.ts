/**
 * Fixed-window counters for rate limits: in memory for one instance, in Redis when REDIS_URL
 * is set, so every instance behind a load balancer sees the same counts. With Redis, the
 * fallback counter counts in memory while Redis is down (see redis/link.ts).
 */
import type { Redis } from 'ioredis';
import type { RedisLink } from '../redis/link.js';

export interface Hits {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Milliseconds until the window ends. */
  resetInMs: number;
}

export interface HitCounter {
  /** Adds one hit to `key` and returns the hits in the current window. */
  hit(key: string, windowMs: number): Promise<Hits>;
}

export function createMemoryHitCounter(now: () => number = Date.now): HitCounter & { sweep(): void } {
  const windows = new Map<string, { hits: number; resetAt: number }>();
  const live = (key: string) => {
    const window = windows.get(key);
    return window && window.resetAt > now() ? window : undefined;
  };
  return {
    async hit(key, windowMs) {
      const window = live(key) ?? { hits: 0, resetAt: now() + windowMs };
      window.hits += 1;
      windows.set(key, window);
      return { hits: window.hits, resetInMs: window.resetAt - now() };
    },
    sweep() {
      for (const [key, window] of windows) if (window.resetAt <= now()) windows.delete(key);
    },
  };
}

export function createRedisHitCounter(redis: Redis, prefix: string): HitCounter {
  return {
    async hit(key, windowMs) {
      const results = await redis
        .multi()
        .incr(prefix + key)
        .pexpire(prefix + key, windowMs, 'NX')
        .pttl(prefix + key)
        .exec();
      const failed = results?.find(([error]) => error)?.[0];
      if (!results || failed) throw failed ?? new Error('the Redis transaction was discarded');
      const ttl = Number(results[2]?.[1]);
      return { hits: Number(results[0]?.[1] ?? 0), resetInMs: ttl > 0 ? ttl : windowMs };
    },
  };
}

/**
 * Counts in Redis while it answers, and in `memory` at once while it does not: a request
 * never waits on Redis being down. Counts made in memory stay in this instance.
 */
export function createFallbackHitCounter(link: RedisLink, shared: HitCounter, memory: HitCounter): HitCounter {
  return {
    async hit(key, windowMs) {
      if (link.state() === 'up') {
        try {
          return await shared.hit(key, windowMs);
        } catch (error) {
          link.failed(error);
        }
      }
      return memory.hit(key, windowMs);
    },
  };
}
