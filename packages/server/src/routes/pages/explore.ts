/**
 * `GET /explore`: public shares and search, server-rendered. The same repository and
 * presenter as `GET /api/v1/shared`; a page never fails on what is typed in the search box
 * (too long is cut, an unknown order falls back, a stale cursor says so).
 */
import { isAppError, LIMITS } from '@chatshare/core';
import type { FastifyInstance } from 'fastify';
import { presentExploreHit } from '../../presenters/explore.js';
import { EXPLORE_SORTS, type ExplorePage, type ExploreSort } from '../../search/explore-repository.js';
import { negotiateLocale } from '../../views/i18n.js';
import { renderExplorePage } from '../../views/render-explore.js';
import { exploreRateLimit } from './explore-limit.js';
import { setPageHeaders } from './page-reply.js';
import { ExploreQuery } from './schema.js';

const PAGE_SIZE = 20;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export default async function explorePageRoutes(app: FastifyInstance) {
  app.get<{ Querystring: ExploreQuery }>(
    '/explore',
    {
      schema: { hide: true, querystring: ExploreQuery },
      config: { rateLimit: exploreRateLimit(app) },
    },
    async (request, reply) => {
      const q = single(request.query.q).trim().slice(0, LIMITS.searchQueryLength);
      const askedSort = single(request.query.sort);
      const sort = (EXPLORE_SORTS as readonly string[]).includes(askedSort) ? (askedSort as ExploreSort) : undefined;
      const cursor = single(request.query.cursor).slice(0, 500);
      let page: ExplorePage;
      let badCursor = false;
      try {
        page = await app.repos.explore.search({
          ...(q ? { q } : {}),
          ...(sort ? { sort } : {}),
          ...(cursor ? { cursor } : {}),
          limit: PAGE_SIZE,
        });
      } catch (error) {
        if (!isAppError(error) || error.code !== 'invalid_cursor') throw error;
        badCursor = true;
        page = { hits: [], sort: sort ?? (q ? 'relevance' : 'newest'), nextCursor: null };
      }
      const locale = negotiateLocale(request.headers['accept-language']);
      const html = renderExplorePage(
        {
          q,
          sort: page.sort,
          items: page.hits.map((hit) => presentExploreHit(hit, app.config.publicUrl)),
          nextCursor: page.nextCursor,
          paged: cursor !== '',
          badCursor,
        },
        locale,
        app.config.publicUrl,
      );
      setPageHeaders(reply);
      reply.headers({ 'cache-control': 'no-cache', vary: 'Accept-Language' });
      return reply.status(badCursor ? 400 : 200).send(html);
    },
  );
}
