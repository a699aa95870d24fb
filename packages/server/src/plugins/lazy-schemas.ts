/**
 * Route schemas compiled when first used rather than when the route is registered. Fastify
 * compiles every route's validators (Ajv, set up by plugins/validation.ts) and response
 * serializers (fast-json-stringify) while the app is built: for this app's hundred-odd routes
 * that was most of the half second `buildApp` took, on every start, for routes a given
 * instance may never be asked for. Here each compiler hands Fastify a stand-in that compiles
 * the real function on its first call and then forwards to it, so a route pays its own
 * compilation once, on its first request.
 *
 * A schema that does not compile used to stop the start; now it would fail its route's
 * requests. So that it is still found at once, the stand-ins are compiled in the background
 * once the server listens (a few at a time, between requests), and a failure is logged as an
 * error naming the route. The test suite compiles them all too: every route is requested.
 *
 * Registered right after plugins/validation.ts, whose compiler it wraps.
 */
import type { FastifyInstance, FastifySchema, FastifySchemaCompiler } from 'fastify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import fp from 'fastify-plugin';
import { createRequire } from 'node:module';

type Thunk = () => unknown;

/** Fastify's own serializer compiler (@fastify/fast-json-stringify-compiler), found beside fastify. */
type SerializerFactory = (externalSchemas: unknown, options: unknown) => FastifySerializerCompiler<FastifySchema>;
let serializerFactory: SerializerFactory | undefined;
function defaultSerializerFactory(): SerializerFactory {
  if (!serializerFactory) {
    const fromHere = createRequire(import.meta.url);
    const fromFastify = createRequire(fromHere.resolve('fastify'));
    const selector = fromFastify('@fastify/fast-json-stringify-compiler') as () => SerializerFactory;
    serializerFactory = selector();
  }
  return serializerFactory;
}

/** Compiles `make` once, on first call. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

const describeRoute = (method: string | undefined, url: string | undefined, part: string) =>
  `${method ?? '?'} ${url ?? '?'} (${part})`;

export default fp(
  async function lazySchemas(app: FastifyInstance) {
    /** Stand-ins not yet compiled, for the background pass: what they are and how to compile them. */
    const pending = new Map<Thunk, string>();

    const compileValidator = app.validatorCompiler;
    if (!compileValidator) throw new Error('lazy-schemas must be registered after the validation plugin');
    const lazyValidator: FastifySchemaCompiler<unknown> = (routeSchema) => {
      const real = once(() => {
        pending.delete(real);
        return compileValidator(routeSchema) as ((data: unknown, context?: unknown) => unknown) & {
          errors?: unknown;
          schemaEnv?: unknown;
        };
      });
      pending.set(real, describeRoute(routeSchema.method, routeSchema.url, routeSchema.httpPart ?? 'validation'));
      const standIn = (data: unknown, context?: unknown) => real()(data, context);
      // Fastify reads `errors` after a failed call, and passes the parent object (so Ajv can
      // set defaults on the root) when the function has Ajv's `schemaEnv`: both are the real one's.
      Object.defineProperties(standIn, {
        errors: { get: () => real().errors, enumerable: true },
        schemaEnv: { get: () => real().schemaEnv, enumerable: true },
      });
      return standIn as ReturnType<FastifySchemaCompiler<unknown>>;
    };
    app.setValidatorCompiler(lazyValidator);

    const lazySerializer: FastifySerializerCompiler<FastifySchema> = (routeSchema) => {
      const real = once(() => {
        pending.delete(real);
        return defaultSerializerFactory()(app.getSchemas(), {})(routeSchema);
      });
      pending.set(real, describeRoute(routeSchema.method, routeSchema.url, `response ${routeSchema.httpStatus}`));
      return (data: unknown) => real()(data);
    };
    app.setSerializerCompiler(lazySerializer);

    let closing = false;
    app.addHook('onClose', async () => {
      closing = true;
    });
    app.addHook('onListen', async () => {
      const compileSome = () => {
        const started = performance.now();
        for (const [compile, route] of pending) {
          if (closing) return;
          try {
            compile();
          } catch (error) {
            pending.delete(compile);
            app.log.error({ err: error }, `the schema of ${route} does not compile: its requests will fail`);
          }
          // A few milliseconds at a time, so requests arriving meanwhile are not held up.
          if (performance.now() - started > 5) break;
        }
        if (pending.size > 0 && !closing) setTimeout(compileSome, 1).unref();
      };
      setTimeout(compileSome, 1).unref();
    });
  },
  { name: 'lazy-schemas', dependencies: ['validation'] },
);
