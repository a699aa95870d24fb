/**
 * The upload's first file part. The multipart parser stops reading for good when a part's
 * header block is malformed (a line without a colon) and more than its buffer follows: no file,
 * no error, no end, so the request would wait for the client's timeout. Stalled like that (the
 * body paused, unread, with no file yet) for STALL_MS, the upload is refused as malformed.
 */
import { errors } from '@chatshare/core';
import type { FastifyRequest } from 'fastify';

export const STALL_MS = 1500;
const POLL_MS = 250;

type MultipartFile = Awaited<ReturnType<FastifyRequest['file']>>;

export async function firstFile(request: FastifyRequest): Promise<MultipartFile> {
  const pending = request.file();
  // Once refused as stalled, a late answer of the parser is of no use to anyone.
  pending.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_resolve, reject) => {
    let pausedSince: number | undefined;
    timer = setInterval(() => {
      const raw = request.raw;
      if (raw.complete || raw.readableFlowing !== false) {
        pausedSince = undefined;
        return;
      }
      pausedSince ??= Date.now();
      if (Date.now() - pausedSince >= STALL_MS) {
        reject(errors.invalidMultipart('The multipart body could not be read: a part has malformed headers.'));
      }
    }, POLL_MS);
    timer.unref();
  });
  try {
    return await Promise.race([pending, stalled]);
  } finally {
    clearInterval(timer);
  }
}
