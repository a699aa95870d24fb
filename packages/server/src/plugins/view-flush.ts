/**
 * Writes buffered view counts every few seconds and once more when the app closes (before
 * the database does: Fastify runs onClose hooks of later plugins first).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface ViewFlushOptions {
  intervalMs?: number;
}

export default fp<ViewFlushOptions>(
  async function viewFlush(app: FastifyInstance, options) {
    const flush = async () => {
      if (app.repos.shares.pendingViews === 0) return;
      try {
        await app.repos.shares.flushViews();
      } catch (error) {
        // The batch stays buffered and the next flush retries it.
        app.log.error({ err: error }, 'writing view counts failed');
      }
    };
    const timer = setInterval(() => void flush(), options.intervalMs ?? 5_000).unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await flush();
    });
  },
  { name: 'view-flush', dependencies: ['context'] },
);
