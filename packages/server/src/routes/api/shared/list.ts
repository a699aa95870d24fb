/** `GET /api/v1/shared`: the explore listing and search as JSON, the same as `/explore`. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { presentExploreHit } from '../../../presenters/explore.js';
import { exploreRateLimit } from '../../pages/explore-limit.js';
import { errorResponses } from '../common-schema.js';
import { ExplorePageSchema, ExploreQuerySchema } from './list-schema.js';

export default async function sharedListRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/shared',
    {
      schema: {
        tags: ['public'],
        summary: 'Public shares: newest, most viewed, or ranked by a full-text search',
        querystring: ExploreQuerySchema,
        response: { 200: ExplorePageSchema, ...errorResponses(400, 429) },
      },
      config: { rateLimit: exploreRateLimit(app) },
    },
    async (request, reply) => {
      const { q, sort, cursor, limit } = request.query;
      const page = await app.repos.explore.search({
        ...(q !== undefined ? { q } : {}),
        ...(sort ? { sort } : {}),
        ...(cursor ? { cursor } : {}),
        limit: limit ?? 20,
      });
      // Short-lived: a revoked or expired share leaves the listing within this time at most.
      reply.header('cache-control', 'public, max-age=0, must-revalidate');
      return {
        items: page.hits.map((hit) => presentExploreHit(hit, app.config.publicUrl)),
        sort: page.sort,
        nextCursor: page.nextCursor,
      };
    },
  );
}
