/**
 * An upload answered before its body was read to the end (refused early: unsupported format,
 * malformed multipart, storage full) leaves the rest of the body on the connection. The parser
 * stopped reading it, so a keep-alive client's next request would wait behind it until the
 * connection timed out. A small rest is read and dropped, so the connection stays usable; a
 * large or unknown one is not worth receiving: the answer says `Connection: close`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The most of an unread body drained to keep a connection; beyond it the connection closes. */
export const DRAIN_MAX_BYTES = 1024 * 1024;

/** For an `onSend` hook: drains or closes when the request body was not read to its end. */
export function settleUnreadBody(request: FastifyRequest, reply: FastifyReply): void {
  const raw = request.raw;
  if (raw.complete || raw.destroyed) return;
  const length = Number(raw.headers['content-length']);
  if (Number.isSafeInteger(length) && length <= DRAIN_MAX_BYTES) {
    raw.unpipe();
    raw.resume();
    return;
  }
  reply.header('connection', 'close');
}
