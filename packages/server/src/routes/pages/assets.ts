/**
 * Static files of the share pages: the viewer stylesheet and KaTeX's stylesheet and fonts,
 * read from disk once and kept in memory with their compressed forms. Names carry a hash or
 * version, so they are cached for a year.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IMMUTABLE, KATEX_DIR, KATEX_PREFIX, KATEX_STYLESHEET, VIEWER_STYLESHEET } from '../../render/assets.js';
import { pickEncoding } from '../../render/encoding.js';
import { FontParams } from './schema.js';

interface Asset {
  type: string;
  identity: Buffer;
  gzip?: Buffer;
  br?: Buffer;
}

const FONT_TYPES: Record<string, string> = { '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' };
const FONT_NAME = /^KaTeX_[A-Za-z0-9-]+\.(?:woff2|woff|ttf)$/;

const textAsset = (type: string, body: Buffer): Asset => ({
  type,
  identity: body,
  gzip: gzipSync(body, { level: 9 }),
  br: brotliCompressSync(body),
});

function send(request: FastifyRequest, reply: FastifyReply, asset: Asset) {
  const encoding = pickEncoding(request.headers['accept-encoding']);
  const compressed = encoding === 'identity' ? undefined : asset[encoding];
  reply.headers({
    'content-type': asset.type,
    'cache-control': IMMUTABLE,
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    vary: 'Accept-Encoding',
  });
  if (compressed) reply.header('content-encoding', encoding);
  return reply.send(compressed ?? asset.identity);
}

export default async function assetRoutes(app: FastifyInstance) {
  const viewer = textAsset('text/css; charset=utf-8', VIEWER_STYLESHEET.body);
  const katexCss = textAsset('text/css; charset=utf-8', await readFile(path.join(KATEX_DIR, 'katex.min.css')));
  const fonts = new Map<string, Asset>();

  app.get(VIEWER_STYLESHEET.path, { schema: { hide: true } }, (request, reply) => send(request, reply, viewer));
  app.get(KATEX_STYLESHEET, { schema: { hide: true } }, (request, reply) => send(request, reply, katexCss));
  const fontSchema = { hide: true, params: FontParams };
  app.get<{ Params: FontParams }>(`${KATEX_PREFIX}/fonts/:file`, { schema: fontSchema }, async (request, reply) => {
    const { file } = request.params;
    // Only KaTeX's own font files, by a strict name pattern: no path ever comes from the URL.
    if (!FONT_NAME.test(file)) return reply.callNotFound();
    let font = fonts.get(file);
    if (!font) {
      const body = await readFile(path.join(KATEX_DIR, 'fonts', file)).catch(() => undefined);
      if (!body) return reply.callNotFound();
      font = { type: FONT_TYPES[path.extname(file)]!, identity: body };
      fonts.set(file, font);
    }
    return send(request, reply, font);
  });
}
