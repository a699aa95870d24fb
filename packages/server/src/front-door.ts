/**
 * The HTTP server in front of Fastify. Each request is offered first to a short path (the
 * share page's, routes/pages/share-page-fast-path.ts), which either answers it or declines,
 * untouched, and then Fastify handles it as always. The server is made the way Fastify makes
 * its own (timeouts, keep-alive), so nothing else about connections changes.
 */
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';

/**
 * Answers a request (true, or a promise of true) or declines it (false) before writing a byte.
 * A short path that answers at once says so at once: no promise on its fastest path.
 */
export type ShortPath = (request: IncomingMessage, response: ServerResponse) => boolean | Promise<boolean>;

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** What Fastify hands its server factory (its normalised options). */
interface FastifyServerOptions {
  http?: ServerOptions | null;
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
  maxRequestsPerSocket: number;
}

export class FrontDoor {
  private shortPath: ShortPath | null = null;
  private fastify: Handler | null = null;

  /** Every request of the server, and of tests that inject through it. */
  readonly listener: Handler = (request, response) => {
    let taken: boolean | Promise<boolean> = false;
    try {
      taken = this.shortPath?.(request, response) ?? false;
    } catch {
      // A short path that fails leaves the request to the full one, which answers properly.
    }
    if (taken === true) return;
    if (taken === false) return this.handOn(request, response);
    taken.then(
      (served) => {
        if (!served) this.handOn(request, response);
      },
      () => this.handOn(request, response),
    );
  };

  /** For Fastify's `serverFactory` option. */
  readonly serverFactory = (handler: Handler, fastifyOptions: Record<string, unknown>): Server => {
    const options = fastifyOptions as unknown as FastifyServerOptions;
    this.fastify = handler;
    const server = createServer(options.http ?? {}, this.listener);
    server.keepAliveTimeout = options.keepAliveTimeout;
    server.requestTimeout = options.requestTimeout;
    server.setTimeout(options.connectionTimeout);
    if (options.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };

  /** Fastify's own handler, for tests that inject past the short path. */
  get fastifyHandler(): Handler {
    if (!this.fastify) throw new Error('the server is not made yet');
    return this.fastify;
  }

  use(shortPath: ShortPath): void {
    this.shortPath = shortPath;
  }

  private handOn(request: IncomingMessage, response: ServerResponse): void {
    this.fastifyHandler(request, response);
  }
}
