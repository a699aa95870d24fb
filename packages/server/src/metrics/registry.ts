/**
 * The instance's Prometheus metrics: one registry per app (never prom-client's global one),
 * so two apps in one process, as in tests, count apart. Counters move where things happen;
 * gauges read their value when scraped, from the sources the app hands over.
 *
 * Route labels are route patterns (`/s/:code`), never URLs: a short code is a secret.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface PoolState {
  /** Connections open, busy or idle. */
  total: number;
  idle: number;
  /** Queries queued for a free connection. */
  waiting: number;
}

export type RedisState = 'up' | 'down';

/** What the gauges read at scrape time. */
export interface MetricSources {
  pendingViews(): number;
  /** The PostgreSQL pool; null on SQLite (one connection in the process, no pool). */
  pool: (() => PoolState) | null;
  /** Null when no Redis is configured. */
  redis: (() => RedisState) | null;
}

export type PageCacheName = 'share' | 'embed';

/** Anything with a size and a lookup listener: render/page-cache.ts. */
export interface ObservedCache {
  readonly size: number;
  onLookup: ((hit: boolean) => void) | undefined;
  /** Told, on a miss in memory, whether the stored page was found (else it is drawn). */
  onStoreLookup: ((found: boolean) => void) | undefined;
}

const UNMATCHED = 'unmatched';

export class Metrics {
  readonly registry = new Registry();
  private readonly caches = new Map<PageCacheName, ObservedCache>();

  private readonly requests = new Counter({
    name: 'chatshare_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });

  private readonly duration = new Histogram({
    name: 'chatshare_http_request_duration_seconds',
    help: 'Time from request to response, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly cacheLookups = new Counter({
    name: 'chatshare_page_cache_lookups_total',
    help: 'Rendered-page cache lookups, by cache and result (hit or miss)',
    labelNames: ['cache', 'result'] as const,
    registers: [this.registry],
  });

  private readonly storeLookups = new Counter({
    name: 'chatshare_page_store_lookups_total',
    help: 'Pages not in memory looked up in the page store, by cache and result (found, or drawn because missing)',
    labelNames: ['cache', 'result'] as const,
    registers: [this.registry],
  });

  private readonly shortPath = new Counter({
    name: 'chatshare_share_page_short_path_total',
    help: 'Share page requests the short path answered (served), or looked up and left to the full route (declined: a gate, a page not the same for everyone)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  private readonly flushFailures = new Counter({
    name: 'chatshare_view_flush_failures_total',
    help: 'Writes of buffered view counts that failed (the views stay buffered and are retried)',
    registers: [this.registry],
  });

  private readonly refusals = new Counter({
    name: 'chatshare_rate_limited_total',
    help: 'Requests refused with 429, by limiter',
    labelNames: ['limiter'] as const,
    registers: [this.registry],
  });

  constructor(sources: MetricSources, { processMetrics = false }: { processMetrics?: boolean } = {}) {
    const { registry, caches } = this;
    new Gauge({
      name: 'chatshare_page_cache_entries',
      help: 'Rendered pages held in memory, by cache',
      labelNames: ['cache'] as const,
      registers: [registry],
      collect() {
        for (const [name, cache] of caches) this.set({ cache: name }, cache.size);
      },
    });
    new Gauge({
      name: 'chatshare_view_buffer_pending_views',
      help: 'Views counted in memory and not written to the database yet',
      registers: [registry],
      collect() {
        this.set(sources.pendingViews());
      },
    });
    const { pool, redis } = sources;
    if (pool) {
      const poolGauge = (name: string, help: string, read: (state: PoolState) => number) =>
        new Gauge({
          name,
          help,
          registers: [registry],
          collect() {
            this.set(read(pool()));
          },
        });
      poolGauge('chatshare_db_pool_connections', 'PostgreSQL connections open, busy or idle', (state) => state.total);
      poolGauge('chatshare_db_pool_idle_connections', 'PostgreSQL connections open and idle', (state) => state.idle);
      poolGauge(
        'chatshare_db_pool_waiting_queries',
        'Queries waiting for a free PostgreSQL connection',
        (state) => state.waiting,
      );
    }
    if (redis) {
      new Gauge({
        name: 'chatshare_redis_up',
        help: 'Whether Redis answers (1) or not (0); shared limits and counters fall back to this instance while 0',
        registers: [registry],
        collect() {
          this.set(redis() === 'up' ? 1 : 0);
        },
      });
    }
    if (processMetrics) collectDefaultMetrics({ register: registry });
  }

  /** Counts one answered request. `route` is the matched route pattern, undefined when none matched. */
  observeRequest(method: string, route: string | undefined, statusCode: number, seconds: number): void {
    const pattern = route ?? UNMATCHED;
    this.requests.inc({ method, route: pattern, status_code: String(statusCode) });
    this.duration.observe({ method, route: pattern }, seconds);
  }

  /** Counts one request offered to the share page's short path: answered, or left to the full route. */
  readonly shortPathServed = () => this.shortPathResults.served.inc();
  readonly shortPathDeclined = () => this.shortPathResults.declined.inc();
  private readonly shortPathResults = {
    served: this.shortPath.labels({ result: 'served' }),
    declined: this.shortPath.labels({ result: 'declined' }),
  };

  /**
   * `observeRequest` bound to one method, route and status, for a path that answers the same
   * way very often (routes/pages/share-page-fast-path.ts): its labelled series are looked up once.
   */
  requestObserver(method: string, route: string, statusCode: number): (seconds: number) => void {
    const requests = this.requests.labels({ method, route, status_code: String(statusCode) });
    const duration = this.duration.labels({ method, route });
    return (seconds) => {
      requests.inc();
      duration.observe(seconds);
    };
  }

  /**
   * Counts the hits and misses of a page cache and reports its size; returns the cache.
   * @example const cache = app.metrics.trackPageCache('share', new PageCache());
   */
  trackPageCache<T extends ObservedCache>(name: PageCacheName, cache: T): T {
    this.caches.set(name, cache);
    cache.onLookup = (hit) => this.cacheLookups.inc({ cache: name, result: hit ? 'hit' : 'miss' });
    cache.onStoreLookup = (found) => this.storeLookups.inc({ cache: name, result: found ? 'found' : 'drawn' });
    return cache;
  }

  viewFlushFailed(): void {
    this.flushFailures.inc();
  }

  /** A 429 from the named limiter (the keys of core's RATE_LIMITS). */
  rateLimited(limiter: string): void {
    this.refusals.inc({ limiter });
  }

  /** The text a Prometheus server scrapes. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
