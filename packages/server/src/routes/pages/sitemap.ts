/**
 * `robots.txt` and `sitemap.xml`. Crawlers are kept out of the owner app, the API and the
 * embedded views (pages meant for people, or duplicates of /s/:code). The sitemap lists only
 * shares search engines may index: public, `allowIndexing`, listable now, no view limit. It
 * is a sitemap index of pages of 50,000 links (the protocol's maximum per file).
 */
import { escapeXml, shareUrl } from '@chatshare/core';
import type { FastifyInstance } from 'fastify';
import { SITEMAP_PAGE_SIZE } from '../../search/explore-repository.js';
import { exploreRateLimit } from './explore-limit.js';
import { SitemapParams } from './schema.js';

/** Short-lived: a share made private, revoked or taken down leaves cached sitemaps within minutes. */
const SITEMAP_CACHE = 'public, max-age=300';

export default async function sitemapRoutes(app: FastifyInstance) {
  const base = app.config.publicUrl;

  app.get('/robots.txt', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'public, max-age=86400');
    return [
      'User-agent: *',
      // Prefixes: `/app` covers /app itself and every page under it.
      'Disallow: /app',
      'Disallow: /api',
      'Disallow: /embed',
      'Disallow: /publish',
      'Disallow: /chats/upload',
      'Disallow: /s/*/report',
      'Allow: /',
      '',
      `Sitemap: ${base}/sitemap.xml`,
      '',
    ].join('\n');
  });

  app.get(
    '/sitemap.xml',
    { schema: { hide: true }, config: { rateLimit: exploreRateLimit(app) } },
    async (_request, reply) => {
      const pages = Math.max(1, Math.ceil((await app.repos.explore.sitemapCount()) / SITEMAP_PAGE_SIZE));
      const entries = Array.from(
        { length: pages },
        (_, index) => `<sitemap><loc>${escapeXml(`${base}/sitemaps/${index + 1}.xml`)}</loc></sitemap>`,
      );
      reply.header('content-type', 'application/xml; charset=utf-8').header('cache-control', SITEMAP_CACHE);
      return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries.join('')}</sitemapindex>\n`;
    },
  );

  app.get<{ Params: SitemapParams }>(
    '/sitemaps/:page',
    { schema: { hide: true, params: SitemapParams }, config: { rateLimit: exploreRateLimit(app) } },
    async (request, reply) => {
      const match = /^([1-9]\d{0,5})\.xml$/.exec(request.params.page);
      if (!match) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
      const shares = await app.repos.explore.sitemap(Number(match[1]));
      const urls = shares.map(
        (share) =>
          `<url><loc>${escapeXml(shareUrl(base, share.code))}</loc><lastmod>${escapeXml(share.lastModified)}</lastmod></url>`,
      );
      reply.header('content-type', 'application/xml; charset=utf-8').header('cache-control', SITEMAP_CACHE);
      return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>\n`;
    },
  );
}
