/** Reading link previews as a crawler would: the head's tags, and PNG headers. */
import { inflateSync } from 'node:zlib';

export interface Head {
  /** Every `<meta property|name=… content=…>` by key, in document order. */
  meta: Map<string, string[]>;
  /** The single value of `key`; fails when absent or repeated. */
  one(key: string): string;
  title: string;
  oembed: string | null;
  /** Everything a preview could show: title, every meta content and link title/href. */
  allText: string;
  /** Offset of `</head>` in the HTML (Slack reads the first 32 KB). */
  headEnd: number;
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The attributes of each `<tag …>` in `html`, decoded. Enough for the server's own markup. */
function tags(html: string, name: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${name}\\s([^>]*?)/?>`, 'g'))].map((match) =>
    Object.fromEntries([...match[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, key, value]) => [key!, decode(value!)])),
  );
}

export function parseHead(html: string): Head {
  const headEnd = html.indexOf('</head>');
  const head = html.slice(0, headEnd);
  const meta = new Map<string, string[]>();
  for (const attributes of tags(head, 'meta')) {
    const key = attributes.property ?? attributes.name;
    if (key) meta.set(key, [...(meta.get(key) ?? []), attributes.content ?? '']);
  }
  const links = tags(head, 'link');
  const title = decode(/<title>([^<]*)<\/title>/.exec(head)?.[1] ?? '');
  return {
    meta,
    one(key) {
      const values = meta.get(key) ?? [];
      if (values.length !== 1) throw new Error(`expected one ${key}, found ${values.length}`);
      return values[0]!;
    },
    title,
    oembed: links.find((link) => link.rel === 'alternate' && link.type === 'application/json+oembed')?.href ?? null,
    allText: [
      title,
      ...[...meta.values()].flat(),
      ...links.map((link) => `${link.href ?? ''} ${link.title ?? ''}`),
    ].join('\n'),
    headEnd,
  };
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png.subarray(0, 8).equals(signature)) throw new Error('not a PNG');
  if (png.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('IHDR is not the first chunk');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The path and query of an absolute URL, for app.inject. */
export const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, row by row. */
  pixels: Buffer;
}

/**
 * Decodes the PNGs resvg writes: 8-bit RGB or RGBA, not interlaced, any row filter. Enough
 * to look at what a card draws, pixel by pixel, without an image library.
 */
export function decodePng(png: Buffer): DecodedPng {
  const { width, height } = pngSize(png);
  const [depth, colorType, , , interlace] = png.subarray(24, 29);
  if (depth !== 8 || (colorType !== 2 && colorType !== 6) || interlace !== 0) throw new Error('unsupported PNG');
  const channels = colorType === 6 ? 4 : 3;
  const data: Buffer[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('latin1');
    if (type === 'IDAT') data.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? rows[y * stride + x - channels]! : 0;
      const up = y > 0 ? rows[(y - 1) * stride + x]! : 0;
      const corner = x >= channels && y > 0 ? rows[(y - 1) * stride + x - channels]! : 0;
      const paeth = () => {
        const p = left + up - corner;
        const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - corner)];
        return a <= b && a <= c ? left : b <= c ? up : corner;
      };
      const predictor = [0, left, up, (left + up) >> 1, 0][filter] ?? 0;
      rows[y * stride + x] = (line[x]! + (filter === 4 ? paeth() : predictor)) & 0xff;
    }
  }
  if (channels === 4) return { width, height, pixels: rows };
  const pixels = Buffer.alloc(width * height * 4, 0xff);
  for (let i = 0; i < width * height; i++) rows.copy(pixels, i * 4, i * 3, i * 3 + 3);
  return { width, height, pixels };
}

/** The rows of an image that hold nothing but its background colour (the top-left pixel's). */
export function blankRows({ width, height, pixels }: DecodedPng): boolean[] {
  const background = pixels.readUInt32BE(0);
  return Array.from({ length: height }, (_, y) => {
    for (let x = 0; x < width; x++) if (pixels.readUInt32BE((y * width + x) * 4) !== background) return false;
    return true;
  });
}

/** The runs of consecutive blank rows as [first row, length], top to bottom. */
export function blankBands(rows: boolean[]): [start: number, length: number][] {
  const bands: [number, number][] = [];
  rows.forEach((blank, y) => {
    if (!blank) return;
    const last = bands.at(-1);
    if (last && last[0] + last[1] === y) last[1] += 1;
    else bands.push([y, 1]);
  });
  return bands;
}
