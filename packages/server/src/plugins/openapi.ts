/**
 * The OpenAPI 3 document, generated from the route schemas, at /api/docs (UI) and /api/docs/json.
 *
 * @fastify/swagger collects the routes as they are registered and builds the document on the
 * first request for it. The reference page (@fastify/swagger-ui: its routes, @fastify/static
 * for its files, yaml) is set up only when /api/docs is first asked for, in a small Fastify app
 * of its own that this one hands those requests to: most starts never serve it, and setting it
 * up was a tenth of the start-up. It serves this app's document (its `swagger()` is this
 * app's), and whatever it does not know is this app's 404.
 */
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

const DOCS_PREFIX = '/api/docs';

/** Headers that describe one connection, or that Fastify sets itself for the reply it sends. */
const NOT_FORWARDED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'host', 'content-length']);

/** The reference page's own app, built on first use. */
async function buildDocsApp(app: FastifyInstance): Promise<FastifyInstance> {
  const { default: swaggerUi } = await import('@fastify/swagger-ui');
  const docs = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } });
  // What @fastify/swagger-ui needs of @fastify/swagger: the document, which is this app's.
  await docs.register(
    fp(
      async (instance: FastifyInstance) => {
        instance.decorate('swagger', ((options?: { yaml?: boolean }) => app.swagger(options as never)) as never);
      },
      { name: '@fastify/swagger' },
    ),
  );
  await docs.register(swaggerUi, { routePrefix: DOCS_PREFIX });
  await docs.ready();
  return docs;
}

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

    let docs: Promise<FastifyInstance> | undefined;
    const docsApp = () => {
      docs ??= buildDocsApp(app).catch((error: unknown) => {
        docs = undefined; // the next request tries again
        throw error;
      });
      return docs;
    };
    app.addHook('onClose', async () => {
      if (docs) await (await docs.catch(() => undefined))?.close();
    });

    async function forward(request: FastifyRequest, reply: FastifyReply) {
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined && !NOT_FORWARDED.has(name)) headers[name] = value;
      }
      // A HEAD is answered as the GET it stands for: Fastify sends this app's HEAD without the body.
      const answer = await (await docsApp()).inject({ method: 'GET', url: request.url, headers });
      if (answer.statusCode === 404) return reply.callNotFound();
      reply.status(answer.statusCode);
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !NOT_FORWARDED.has(name)) reply.header(name, value);
      }
      return reply.send(answer.rawPayload.length > 0 ? answer.rawPayload : undefined);
    }
    app.get(DOCS_PREFIX, { schema: { hide: true } }, forward);
    app.get(`${DOCS_PREFIX}/*`, { schema: { hide: true } }, forward);
  },
  { name: 'openapi', dependencies: ['context'] },
);
