/**
 * Builds the Fastify application. Plugins load in a fixed order: framework (errors,
 * validation, cookies, bodies) -> context (config, db, repositories) -> cross-cutting
 * (CORS, rate limits, auth, OpenAPI) -> routes.
 */
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { errors, LIMITS } from '@chatshare/core';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './env.js';
import { FrontDoor } from './front-door.js';
import { fastifyTrustProxy } from './trust-proxy.js';
import type { Mailer } from './mail/mailer.js';
import auth from './plugins/auth.js';
import context, { type RateLimits } from './plugins/context.js';
import cors from './plugins/cors.js';
import errorHandling from './plugins/errors.js';
import gracefulClose from './plugins/graceful-close.js';
import lazySchemas from './plugins/lazy-schemas.js';
import metrics from './plugins/metrics.js';
import moderation from './plugins/moderation.js';
import openapi from './plugins/openapi.js';
import rateLimits from './plugins/rate-limits.js';
import validation from './plugins/validation.js';
import viewFlush from './plugins/view-flush.js';
import pageSweep from './plugins/page-sweep.js';
import appRoutes from './routes/app/index.js';
import adminRoutes from './routes/api/admin/index.js';
import authRoutes from './routes/api/auth/index.js';
import communityRoutes from './routes/api/community/index.js';
import configRoutes from './routes/api/config/index.js';
import conversationRoutes from './routes/api/conversations/index.js';
import importRoutes from './routes/api/imports/index.js';
import reportRoutes from './routes/api/reports/index.js';
import sharedRoutes from './routes/api/shared/index.js';
import sharedListRoutes from './routes/api/shared/list.js';
import shareRoutes from './routes/api/shares/index.js';
import tokenRoutes from './routes/api/tokens/index.js';
import healthRoutes from './routes/health.js';
import homeRoutes from './routes/home.js';
import embedRoutes from './routes/embed/embed-page.js';
import oembedRoutes from './routes/embed/oembed.js';
import publishRoutes from './routes/publish/index.js';
import assetRoutes from './routes/pages/assets.js';
import ogImageRoutes from './routes/pages/og-image.js';
import shareImageRoutes from './routes/pages/share-image.js';
import reportPageRoutes from './routes/pages/report.js';
import explorePageRoutes from './routes/pages/explore.js';
import sharePageRoutes from './routes/pages/share-page.js';
import { shareFastPath } from './routes/pages/share-page-fast-path.js';
import sitemapRoutes from './routes/pages/sitemap.js';
import unlockRoutes from './routes/pages/unlock.js';

/** Whether plain JSON.parse reads `text` (the safe parser refuses more: prototype keys). */
function readsAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const PROTOTYPE_KEY = () =>
  errors.invalidJson('The JSON body has a "__proto__" key or a "constructor" with a "prototype": neither is accepted.');

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's request listener: the share page's short path, then Fastify (front-door.ts). */
    frontDoor: FrontDoor;
  }
}

export interface BuildOptions {
  config: Config;
  /** The clock; tests pass one they can move. */
  now?: () => Date;
  mailer?: Mailer;
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
  /** Overrides of core's RATE_LIMITS (tests that need many requests raise them). */
  rateLimits?: Partial<RateLimits>;
  redisKeyPrefix?: string;
  /** How often buffered views are written; tests that read unwritten counts slow it down. */
  viewFlushIntervalMs?: number;
}

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config } = options;
  const front = new FrontDoor();
  const app = Fastify({
    serverFactory: front.serverFactory,
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    bodyLimit: LIMITS.bodyBytes,
    // plugins/graceful-close.ts answers requests that arrive while closing, in our error shape.
    return503OnClosing: false,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });

  await app.register(errorHandling);
  await app.register(gracefulClose);
  await app.register(validation);
  await app.register(lazySchemas);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(multipart, { limits: { fileSize: config.importMaxBytes, files: 1, fields: 5, parts: 6 } });
  // A DELETE may carry `Content-Type: application/json` with no body (many HTTP libraries
  // send it by default); that is not an error. Everything else keeps Fastify's safe parser.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' && request.method === 'DELETE') return done(null, undefined);
    // The default parser is synchronous and answers through `done`. It refuses prototype keys
    // with the same error as broken JSON; when plain JSON.parse reads the body, that was why.
    void parseJson(request, body as string, (error, value) => {
      if (error && readsAsJson(body as string)) return done(PROTOTYPE_KEY(), undefined);
      done(error, value);
    });
  });
  // JSON Lines uploads (fine-tuning files) arrive as text and are parsed by the importer.
  app.addContentTypeParser(
    ['application/x-ndjson', 'application/jsonl'],
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, body);
    },
  );

  await app.register(context, {
    config,
    ...(options.now ? { now: options.now } : {}),
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.redisKeyPrefix ? { redisKeyPrefix: options.redisKeyPrefix } : {}),
  });
  // Before everything it counts: its onResponse hook sees every route.
  await app.register(metrics);
  await app.register(viewFlush, {
    ...(options.viewFlushIntervalMs !== undefined ? { intervalMs: options.viewFlushIntervalMs } : {}),
  });
  await app.register(pageSweep);
  // Before rate limits and auth: a preflight is answered before either runs, and their 429s
  // and 401s carry the CORS headers a listed app needs to read them.
  await app.register(cors);
  await app.register(rateLimits);
  await app.register(auth);
  await app.register(moderation);
  await app.register(openapi);

  await app.register(healthRoutes);
  await app.register(homeRoutes);
  await app.register(
    async (api) => {
      await api.register(configRoutes);
      await api.register(authRoutes);
      await api.register(tokenRoutes);
      await api.register(conversationRoutes);
      await api.register(importRoutes);
      await api.register(shareRoutes);
      await api.register(sharedRoutes);
      await api.register(reportRoutes);
      await api.register(adminRoutes);
      await api.register(sharedListRoutes);
      await api.register(communityRoutes);
    },
    { prefix: '/api/v1' },
  );
  await app.register(unlockRoutes);
  await app.register(reportPageRoutes);
  await app.register(import('./routes/pages/reader-copy.js'));
  await app.register(sharePageRoutes);
  await app.register(explorePageRoutes);
  await app.register(sitemapRoutes);
  await app.register(ogImageRoutes);
  await app.register(shareImageRoutes);
  await app.register(embedRoutes);
  await app.register(oembedRoutes);
  await app.register(assetRoutes);
  await app.register(publishRoutes);
  await app.register(appRoutes, { prefix: '/app' });
  front.use(shareFastPath(app));
  app.decorate('frontDoor', front);
  return app;
}
