/**
 * Waits out a 429. Creating links is rate limited per user, so sharing a whole export would
 * otherwise fail part-way; the server says how long to wait in Retry-After.
 */
import { isChatshareError } from '@chatshare/client';

const MAX_TRIES = 5;
const MAX_WAIT_S = 120;

export async function withRetry<T>(call: () => Promise<T>, sleep = defaultSleep): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const wait = isChatshareError(error) && error.code === 'rate_limited' ? error.retryAfter : undefined;
      if (wait === undefined || wait > MAX_WAIT_S || attempt >= MAX_TRIES) throw error;
      await sleep(Math.max(1, wait) * 1000);
    }
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
