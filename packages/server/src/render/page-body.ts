/**
 * A rendered page's bytes in every encoding it is sent in. The page is the same for every
 * reader (its script is allowed by hash, see security-headers.ts), so each encoding is made
 * once, when the page is rendered, and every response is one ready buffer.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Encoding } from './encoding.js';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export interface EncodedBytes {
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

export class PageBody {
  /** A strong validator of the page: the same bytes give the same tag on every instance. */
  readonly etag: string;

  constructor(
    private readonly bytes: EncodedBytes,
    etag?: string,
  ) {
    this.etag = etag ?? createHash('sha256').update(bytes.identity).digest('base64url').slice(0, 32);
  }

  /**
   * Compresses `html` both ways at once, off the main thread (zlib runs in Node's thread pool),
   * so a render does not hold up the requests around it while it compresses.
   */
  static async encode(html: string): Promise<PageBody> {
    const identity = Buffer.from(html);
    const [gzipped, brotlied] = await Promise.all([
      // No file name or mtime in the header, so every instance makes the same bytes.
      gzipAsync(identity, { level: 6 }),
      brotliAsync(identity, {
        params: {
          // Quality 5 compresses close to gzip -9 in a few milliseconds; 11 would take a tenth of a second.
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
        },
      }),
    ]);
    return new PageBody({ identity, gzip: gzipped, br: brotlied });
  }

  /** The page's bytes as sent with `encoding`. */
  in(encoding: Encoding): Buffer {
    return this.bytes[encoding];
  }

  /** What the page holds in memory, all encodings together (for the cache's size limit). */
  get byteLength(): number {
    return this.bytes.identity.length + this.bytes.gzip.length + this.bytes.br.length;
  }
}
