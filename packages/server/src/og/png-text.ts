/**
 * A keyword and value kept inside a PNG as a `tEXt` chunk. A conversation image carries how
 * many images its selection takes there, so one served from the cache still tells the
 * client about the others without the conversation being laid out again.
 */
import { crc32 } from 'node:zlib';

const SIGNATURE_LENGTH = 8;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** `png` with a tEXt chunk `keyword` = `value` right after its header (IHDR). */
export function withPngText(png: Buffer, keyword: string, value: string): Buffer {
  const ihdrEnd = SIGNATURE_LENGTH + 12 + png.readUInt32BE(SIGNATURE_LENGTH);
  const text = chunk('tEXt', Buffer.from(`${keyword}\0${value}`, 'latin1'));
  return Buffer.concat([png.subarray(0, ihdrEnd), text, png.subarray(ihdrEnd)]);
}

/** The value of tEXt `keyword`, read from the chunks before the image data. */
export function pngText(png: Buffer, keyword: string): string | undefined {
  for (let offset = SIGNATURE_LENGTH; offset + 8 <= png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT' || type === 'IEND') return undefined;
    if (type === 'tEXt') {
      const [name, value] = png.toString('latin1', offset + 8, offset + 8 + length).split('\0');
      if (name === keyword) return value;
    }
    offset += 12 + length;
  }
  return undefined;
}
