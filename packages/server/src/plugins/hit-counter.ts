/**
 * Fixed-window counters for limits that only some outcomes count towards (404s on share
 * paths). In memory for one instance, in Redis when REDIS_URL is set, so every instance
 * behind a load balancer sees the same counts.
 */
import type { Redis } from 'ioredis';

export interface HitCounter {
  /** Adds one hit to `key` and returns the hits in the current window. */
  hit(key: string, windowMs: number): Promise<number>;
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
      return window.hits;
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
        .exec();
      return Number(results?.[0]?.[1] ?? 0);
    },
  };
}
