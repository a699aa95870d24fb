/**
 * A store for @fastify/rate-limit over a HitCounter, so route limits fall back to memory
 * with the miss counter when Redis is down. Keys are laid out as the plugin's own Redis
 * store lays them out (namespace, then method and URL of the route, then the key).
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { HitCounter } from './hit-counter.js';

export function hitCounterStore(counter: HitCounter, namespace: string): FastifyRateLimitStoreCtor {
  class HitCounterStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly prefix = namespace,
    ) {}

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ) {
      counter.hit(this.prefix + key, timeWindow).then(
        ({ hits, resetInMs }) => callback(null, { current: hits, ttl: resetInMs }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]) {
      // The plugin passes the route as `routeInfo` (empty for limiters made with app.rateLimit()).
      const { method, url } =
        (routeOptions as unknown as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo ?? {};
      return new HitCounterStore(undefined, `${this.prefix}${String(method)}${String(url)}-`);
    }
  }
  return HitCounterStore;
}
