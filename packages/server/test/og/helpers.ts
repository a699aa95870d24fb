/** Reading link previews as a crawler would: the head's tags, and PNG headers. */

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
