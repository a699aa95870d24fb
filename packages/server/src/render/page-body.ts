/**
 * A rendered page whose bytes are fixed except for one CSP nonce near the end. The fixed
 * part is compressed once (gzip and brotli, on first use of each); each response then
 * appends the fresh nonce and the short rest as uncompressed blocks, which both formats
 * allow mid-stream. So every response gets its own nonce without compressing the page again.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, crc32, deflateRawSync } from 'node:zlib';

// ID1 ID2, deflate, no flags, no mtime (the bytes stay the same on every instance), OS unknown.
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
// Brotli: a last, empty meta-block (ISLAST = 1, ISLASTEMPTY = 1) ends the stream.
const BROTLI_END = Buffer.from([0x03]);
const STORED_MAX = 0xffff;
const BROTLI_UNCOMPRESSED_MAX = 0x10000;

/** Deflate "stored" blocks holding `data` as is; the last one is final when `final` is set. */
function storedBlocks(data: Buffer, final: boolean): Buffer {
  const blocks: Buffer[] = [];
  let offset = 0;
  do {
    const length = Math.min(STORED_MAX, data.length - offset);
    const last = offset + length >= data.length;
    const header = Buffer.alloc(5);
    // BFINAL in bit 0, BTYPE 00; the stream is byte-aligned after a sync flush.
    header[0] = last && final ? 1 : 0;
    header.writeUInt16LE(length, 1);
    header.writeUInt16LE(~length & 0xffff, 3);
    blocks.push(header, data.subarray(offset, offset + length));
    offset += length;
  } while (offset < data.length);
  return Buffer.concat(blocks);
}

/** Brotli uncompressed meta-blocks holding `data`; the stream must be byte-aligned before them. */
function brotliUncompressed(data: Buffer): Buffer {
  const blocks: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += BROTLI_UNCOMPRESSED_MAX) {
    const chunk = data.subarray(offset, offset + BROTLI_UNCOMPRESSED_MAX);
    // ISLAST 0 (1 bit), MNIBBLES 4 (2 bits: 0), MLEN-1 (16 bits), ISUNCOMPRESSED 1 (1 bit), zero padding.
    const bits = ((chunk.length - 1) << 3) | (1 << 19);
    blocks.push(Buffer.from([bits & 0xff, (bits >>> 8) & 0xff, (bits >>> 16) & 0xff]), chunk);
  }
  return Buffer.concat(blocks);
}

export class PageBody {
  /** A strong validator of the page: the same bytes (the nonce aside) give the same tag everywhere. */
  readonly etag: string;
  private gzipped?: { deflated: Buffer; crc: number };
  private brotlied?: Buffer;

  /** The page is `prefix + nonce + suffix`. */
  constructor(
    private readonly prefix: Buffer,
    private readonly suffix: Buffer,
  ) {
    const hash = createHash('sha256').update(prefix).update('\0').update(suffix).digest('base64url');
    this.etag = hash.slice(0, 32);
  }

  get byteLength(): number {
    return this.prefix.length + this.suffix.length;
  }

  identity(nonce: Buffer): Buffer {
    return Buffer.concat([this.prefix, nonce, this.suffix]);
  }

  /** Bytes added by compressing, for the cache's size accounting (0 once done). */
  prepare(encoding: 'gzip' | 'br'): number {
    if (encoding === 'gzip' && !this.gzipped) {
      const deflated = deflateRawSync(this.prefix, { level: 6, finishFlush: constants.Z_SYNC_FLUSH });
      this.gzipped = { deflated, crc: crc32(this.prefix) };
      return deflated.length;
    }
    if (encoding === 'br' && !this.brotlied) {
      this.brotlied = brotliCompressSync(this.prefix, {
        finishFlush: constants.BROTLI_OPERATION_FLUSH,
        params: {
          // Quality 5 compresses close to gzip -9 in a few milliseconds; 11 would take a tenth of a second.
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: this.prefix.length,
        },
      });
      return this.brotlied.length;
    }
    return 0;
  }

  gzip(nonce: Buffer): Buffer {
    this.prepare('gzip');
    const { deflated, crc } = this.gzipped!;
    const rest = Buffer.concat([nonce, this.suffix]);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc32(rest, crc) >>> 0, 0);
    trailer.writeUInt32LE((this.prefix.length + rest.length) % 2 ** 32, 4);
    return Buffer.concat([GZIP_HEADER, deflated, storedBlocks(rest, true), trailer]);
  }

  brotli(nonce: Buffer): Buffer {
    this.prepare('br');
    return Buffer.concat([this.brotlied!, brotliUncompressed(Buffer.concat([nonce, this.suffix])), BROTLI_END]);
  }
}
