/**
 * `GET /api/v1/config`: the instance's settings a browser may know, so clients (the share
 * dialog, the /publish page) show only what this instance offers. Nothing secret is in it.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../env.js';
import { InstanceConfigSchema } from './schema.js';

/** Settings change only with a restart; a minute of caching keeps every page view from asking. */
const CACHE_CONTROL = 'public, max-age=60';

/** Every field that leaves the server, listed (never the whole configuration). */
export const presentInstanceConfig = (config: Config) => ({
  signupEnabled: config.enableSignup,
  openSharing: config.enableOpenSharing,
  communitySharing: {
    enabled: config.enableCommunitySharing,
    url: config.enableCommunitySharing ? config.communityUrl : null,
  },
  communityPublishing: { allowedOrigins: [...config.communityAllowedOrigins] },
  copies: config.enableCopies,
});

export default async function configRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/config',
    {
      schema: {
        tags: ['instance'],
        summary: 'What this instance offers: sign-up, open sharing, community publishing',
        response: { 200: InstanceConfigSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', CACHE_CONTROL);
      // Presented per request (a handful of fields), so it always matches what the routes enforce.
      return presentInstanceConfig(app.config);
    },
  );
}
