/**
 * The connection to Redis, which holds only rate-limit counters (docs/design.md §Storage and
 * scale). Redis being down must never hold up a request: commands fail within milliseconds instead of queueing
 * (no offline queue, a short command timeout), callers fall back to per-instance memory
 * while `state()` is 'down', and the client keeps reconnecting, so limits are shared again
 * as soon as Redis is back. An outage is logged once when it starts and once when it ends.
 * ioredis is imported by the first connectRedis(), so an instance without REDIS_URL never loads it.
 */
import type { Redis } from 'ioredis';

export type RedisState = 'up' | 'down';

/** A command that takes longer than this is a Redis that does not answer. */
export const REDIS_COMMAND_TIMEOUT_MS = 200;

export interface RedisLink {
  readonly client: Redis;
  /** 'up' while commands go to Redis; 'down' while callers use their fallback. Read at no cost. */
  state(): RedisState;
  /** The state after a ping when it looks up (bounded by the command timeout): for /readyz. */
  check(): Promise<RedisState>;
  /** Reports a failed command: Redis counts as down until the connection is ready again. */
  failed(error: unknown): void;
  close(): Promise<void>;
}

export interface RedisLog {
  warn(details: object, message: string): void;
  info(message: string): void;
}

/**
 * Connects to Redis. Resolves once the first attempt is over, connected or not: an instance
 * whose Redis is down still starts, with per-instance limits.
 */
export async function connectRedis(url: string, log: RedisLog): Promise<RedisLink> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 1_000,
    // Keep trying for as long as the app runs, at most a second apart.
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  let state: RedisState = 'down';
  let outageLogged = false;
  let closing = false;

  const down = (error?: unknown) => {
    state = 'down';
    if (outageLogged || closing) return;
    outageLogged = true;
    log.warn({ err: error }, 'Redis does not answer: rate limits are kept in this instance’s memory until it is back');
  };
  client.on('ready', () => {
    state = 'up';
    if (outageLogged) log.info('Redis answers again: rate limits are shared again');
    outageLogged = false;
  });
  client.on('error', (error: Error) => down(error));
  client.on('close', () => down());

  await client.connect().catch((error: unknown) => down(error));

  const link: RedisLink = {
    client,
    state: () => state,
    async check() {
      if (state === 'up') await client.ping().catch((error: unknown) => link.failed(error));
      return state;
    },
    failed(error) {
      if (state === 'down') return;
      down(error);
      // A connection that stopped answering is replaced; 'ready' on the new one means up again.
      if (client.status === 'ready') client.disconnect(true);
    },
    async close() {
      closing = true;
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
  return link;
}
