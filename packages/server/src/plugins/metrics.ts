/**
 * Prometheus metrics (metrics/registry.ts), never public by default. Two ways in, either or
 * both: METRICS_TOKEN opens `GET /metrics` on the main port to `Authorization: Bearer <token>`,
 * and METRICS_PORT starts a second listener on 127.0.0.1 that serves only /metrics (asking
 * for the token too when one is set). With neither, /metrics is a plain 404.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Metrics } from '../metrics/registry.js';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
    /** Starts the METRICS_PORT listener (start.ts, after the app listens); resolves to its address. */
    listenMetrics(port: number, host?: string): Promise<AddressInfo>;
  }
  interface FastifyContextConfig {
    /** The route reads `Authorization` itself: the API-token check of plugins/auth.ts skips it. */
    ownAuthorization?: boolean;
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether `header` is `Bearer <token>`, compared in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

const UNAUTHORIZED = {
  error: { code: 'unauthenticated', message: 'Metrics need Authorization: Bearer <METRICS_TOKEN>.' },
};

export default fp(
  async function metricsPlugin(app: FastifyInstance) {
    const { metricsToken: token, metricsPort } = app.config;
    const { redisLink } = app;
    const metrics = new Metrics(
      {
        pendingViews: () => app.repos.shares.pendingViews,
        pool: app.dbPoolState,
        // Redis as the rate limits see it (redis/link.ts), read without a round trip.
        redis: redisLink ? () => redisLink.state() : null,
      },
      // Process metrics (CPU, memory, event loop) only where someone can read them.
      { processMetrics: token !== null || metricsPort !== null },
    );
    app.decorate('metrics', metrics);

    app.addHook('onResponse', async (request, reply) => {
      metrics.observeRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    });

    if (token !== null) {
      app.get('/metrics', { schema: { hide: true }, config: { ownAuthorization: true } }, async (request, reply) => {
        reply.header('cache-control', 'no-store');
        if (!bearerMatches(request.headers.authorization, token)) {
          return reply.status(401).header('www-authenticate', 'Bearer realm="metrics"').send(UNAUTHORIZED);
        }
        const { contentType, body } = await metrics.exposition();
        return reply.type(contentType).send(body);
      });
    }

    let server: Server | null = null;
    const answer = (request: IncomingMessage, response: ServerResponse) => {
      const path = (request.url ?? '').split('?')[0];
      if (request.method !== 'GET' || path !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      } else if (token !== null && !bearerMatches(request.headers.authorization, token)) {
        response
          .writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="metrics"' })
          .end(JSON.stringify(UNAUTHORIZED));
      } else {
        metrics.exposition().then(
          ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType }).end(body),
          (error: unknown) => {
            app.log.error({ err: error }, 'collecting metrics failed');
            response.writeHead(500).end();
          },
        );
      }
    };
    app.decorate('listenMetrics', (port: number, host = '127.0.0.1') => {
      const listener = createServer(answer);
      return new Promise<AddressInfo>((resolve, reject) => {
        listener.once('error', reject);
        listener.listen(port, host, () => {
          server = listener;
          resolve(listener.address() as AddressInfo);
        });
      });
    });
    app.addHook('onClose', async () => {
      if (!server) return;
      const closing = new Promise((resolve) => server?.close(resolve));
      // A scraper's kept-alive connection must not hold the shutdown up.
      server.closeAllConnections();
      await closing;
    });
  },
  { name: 'metrics', dependencies: ['context'] },
);
