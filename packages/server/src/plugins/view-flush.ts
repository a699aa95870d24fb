/**
 * Writes buffered view counts every second and once more when the app closes (before the
 * database does: Fastify runs onClose hooks of later plugins first). A crash (kill -9, power
 * loss) loses at most the views of the last interval; a flush is one `+ n` update per share
 * viewed meanwhile, so a second costs little even on a busy instance.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** How often buffered views are written: also the most views a crash can lose (those of the last second). */
export const VIEW_FLUSH_INTERVAL_MS = 1_000;

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
        app.metrics.viewFlushFailed();
        app.log.error({ err: error }, 'writing view counts failed');
      }
    };
    const timer = setInterval(() => void flush(), options.intervalMs ?? VIEW_FLUSH_INTERVAL_MS).unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await flush();
    });
  },
  { name: 'view-flush', dependencies: ['context', 'metrics'] },
);
