/**
 * The short path of the share page: `GET /s/:code` from a reader without a cookie, an
 * `Authorization` or a validator, answered before Fastify routes the request (front-door.ts),
 * because a cached page is the one answer served so often that Fastify's per-request work
 * (hooks for sessions, CORS, rate limits, graceful close, the reply's header handling) was
 * most of its cost. It takes the same steps as the full route, with the same functions:
 * the one lookup of the share's live state and the access decision (ShareService.access,
 * core canView) on every request, then the stored page (page-answer.ts), the view counted,
 * and the same headers (conversation-page.ts). A test checks that both answer alike.
 *
 * On SQLite with the page in memory every step is synchronous (db/committed-reads.ts), so
 * the request is answered within the event that brought it; otherwise it awaits the same
 * steps. It declines, untouched, whatever it does not answer exactly as the full route
 * would, and the full route answers: a gate of any kind (unknown, revoked, expired, password,
 * private, view-limited, taken down), which is looked up again there, and where misses are
 * counted against the rate limit; a page that is not the same for everyone; HEAD, a query
 * string, a cookie (a session or an unlock), If-None-Match; any error (the database down);
 * and every request once the server is closing.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ANONYMOUS, isShortCode } from '@chatshare/core';
import type { FastifyInstance } from 'fastify';
import type { ShortPath } from '../../front-door.js';
import type { RenderedPage } from '../../render/page-cache.js';
import type { ShareAccess } from '../../services/shares.js';
import { negotiateLocale } from '../../views/i18n.js';
import { bodyHeaders, describingHeaders, isAutomated, type PageAnswer } from './conversation-page.js';
import { pageAnswer, pageAnswerNow, type PageRequest } from './page-answer.js';

const PAGE_PATH = /^\/s\/([^/?.]+)$/;

const ENCODING_BITS = { identity: 0, gzip: 1, br: 2 } as const;

/** The share code of a request the short path may answer at all (before any lookup), else null. */
function codeOf(request: IncomingMessage): string | null {
  if (request.method !== 'GET') return null;
  const { headers } = request;
  if (headers.cookie !== undefined || headers.authorization !== undefined) return null;
  if (headers['if-none-match'] !== undefined) return null;
  const code = PAGE_PATH.exec(request.url ?? '')?.[1];
  return code !== undefined && isShortCode(code) ? code : null;
}

/**
 * The headers of one answer, made once per page and kind of answer: a page is sent the same
 * way thousands of times, and Node checks every header it is given on each response.
 */
class HeaderSets {
  private readonly sets = new WeakMap<RenderedPage, Map<number, OutgoingHttpHeaders>>();

  of(answer: PageAnswer): OutgoingHttpHeaders {
    let byKind = this.sets.get(answer.page);
    if (!byKind) this.sets.set(answer.page, (byKind = new Map()));
    // A page is one link's, so its oEmbed link is known by whether there is one.
    const kind =
      ENCODING_BITS[answer.encoding] |
      (answer.shared ? 4 : 0) |
      (answer.indexable ? 8 : 0) |
      (answer.oembedLink ? 16 : 0);
    let headers = byKind.get(kind);
    if (!headers) {
      headers = {
        ...describingHeaders(answer),
        ...bodyHeaders(answer.page, answer.encoding),
        'content-length': String(answer.page.body.in(answer.encoding).byteLength),
      };
      byKind.set(kind, headers);
    }
    return headers;
  }
}

export function shareFastPath(app: FastifyInstance): ShortPath {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  const headerSets = new HeaderSets();
  const observe = app.metrics.requestObserver('GET', '/s/:code', 200);
  const logged = ['info', 'debug', 'trace'].includes(app.config.logLevel);
  /** Fastify's "request completed" line, for the requests it never sees. */
  const logCompleted = (request: IncomingMessage, seconds: number) => {
    const { method, url, headers, socket } = request;
    // `ip` is the connection's address: behind a proxy, the proxy's (Fastify logs the forwarded one).
    const req = { method, url, headers, host: headers.host, ip: socket.remoteAddress, socket };
    app.log.info({ req, res: { statusCode: 200 }, responseTime: seconds * 1000 }, 'request completed');
  };

  /** What the page needs to be sent to anyone who asks, or null: the full route answers. */
  const answerable = (access: ShareAccess) => access.reveal === 'none' && !access.isOwner;
  const pageRequest = (request: IncomingMessage): PageRequest => ({
    locale: negotiateLocale(request.headers['accept-language']),
    owner: false,
    revealed: false,
  });

  function send(request: IncomingMessage, response: ServerResponse, access: ShareAccess, answer: PageAnswer) {
    // Not view-limited (that takes a reveal), so the view is buffered: done at once, never failing.
    app.shareService.countUnlimitedView(access.share, { automated: isAutomated(request.headers) });
    response.writeHead(200, headerSets.of(answer));
    response.end(answer.page.body.in(answer.encoding));
    app.metrics.shortPathServed();
  }

  function finish(request: IncomingMessage, started: number) {
    const seconds = (performance.now() - started) / 1000;
    observe(seconds);
    if (logged) logCompleted(request, seconds);
  }

  /** The same steps, awaited: PostgreSQL, a page not in this instance's memory, a name to read. */
  async function later(
    code: string,
    request: IncomingMessage,
    response: ServerResponse,
    started: number,
    known: ShareAccess | null,
  ) {
    const decided = known ?? (await app.shareService.access(code, ANONYMOUS).catch(() => null));
    const answer =
      decided && answerable(decided)
        ? await pageAnswer(app, request.headers, decided.share, pageRequest(request)).catch(() => null)
        : null;
    if (!decided || !answer?.shared) {
      app.metrics.shortPathDeclined();
      return false;
    }
    send(request, response, decided, answer);
    finish(request, started);
    return true;
  }

  return (request, response) => {
    if (closing) return false;
    const code = codeOf(request);
    if (code === null) return false;
    const started = performance.now();
    let access: ShareAccess | null;
    try {
      access = app.shareService.accessNow(code, ANONYMOUS);
    } catch {
      // A refusal: the full route answers it (and counts a miss).
      app.metrics.shortPathDeclined();
      return false;
    }
    if (access === null) return later(code, request, response, started, null);
    if (!answerable(access)) {
      app.metrics.shortPathDeclined();
      return false;
    }
    const answer = pageAnswerNow(app, request.headers, access.share, pageRequest(request));
    if (!answer) return later(code, request, response, started, access);
    if (!answer.shared) {
      app.metrics.shortPathDeclined();
      return false;
    }
    send(request, response, access, answer);
    finish(request, started);
    return true;
  };
}
