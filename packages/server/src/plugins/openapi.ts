/** The OpenAPI 3 document, generated from the route schemas, at /api/docs (UI) and /api/docs/json. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export default fp(
  async function openapi(app: FastifyInstance) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'chatshare API',
          version: '1',
          description:
            'Share AI chat conversations by link. Authenticate with the session cookie or `Authorization: Bearer <api token>`. ' +
            'Errors are `{ "error": { "code", "message" } }`; branch on `code`.',
        },
        servers: [{ url: app.config.publicUrl }],
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer', description: 'An API token from POST /api/v1/tokens' },
            session: { type: 'apiKey', in: 'cookie', name: 'cs_session' },
          },
        },
        security: [{ bearer: [] }, { session: [] }],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs' });
  },
  { name: 'openapi', dependencies: ['context'] },
);
