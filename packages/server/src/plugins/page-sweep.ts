/**
 * Drops stored pages nobody may see any more (expired links, used-up view limits, anything a
 * revoke or takedown left behind in a race) and those of links nobody opened for a month,
 * every few minutes, so the store holds the links in use and nothing of a closed one for
 * long. A sweep that fails (database down) is simply tried again at the next tick.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const PAGE_SWEEP_INTERVAL_MS = 10 * 60_000;
/** A stored page of a link nobody opened for this long is dropped; its next view draws it again. */
export const PAGE_IDLE_MS = 30 * 24 * 3600_000;

export default fp(
  async function pageSweep(app: FastifyInstance) {
    const sweep = async () => {
      const now = app.now();
      try {
        await app.repos.sharePages.sweep(now, new Date(now.getTime() - PAGE_IDLE_MS));
      } catch (error) {
        app.log.warn({ err: error }, 'sweeping stored pages failed; the next sweep retries');
      }
    };
    const timer = setInterval(() => void sweep(), PAGE_SWEEP_INTERVAL_MS).unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'page-sweep', dependencies: ['context'] },
);
