/**
 * Static files of the share pages: the viewer stylesheet and KaTeX's stylesheet and fonts,
 * read from disk once and kept in memory with their compressed forms. Names carry a hash or
 * version, so they are cached for a year. The stylesheets are compressed at the highest
 * levels in Node's thread pool while the server starts, not before it listens (that was a few
 * hundred milliseconds of start-up); a request that comes sooner waits for them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IMMUTABLE, KATEX_DIR, KATEX_PREFIX, KATEX_STYLESHEET, VIEWER_STYLESHEET } from '../../render/assets.js';
import { pickEncoding } from '../../render/encoding.js';
import { FontParams } from './schema.js';

interface Asset {
  type: string;
  identity: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  /** Until the compressed forms are made. */
  compressing?: Promise<unknown>;
}

const FONT_TYPES: Record<string, string> = { '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' };
const FONT_NAME = /^KaTeX_[A-Za-z0-9-]+\.(?:woff2|woff|ttf)$/;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** A text asset, its compressed forms filled in once made (a failure leaves it uncompressed). */
function textAsset(type: string, body: Buffer): Asset {
  const asset: Asset = { type, identity: body };
  asset.compressing = Promise.all([gzipAsync(body, { level: 9 }), brotliAsync(body)]).then(
    ([gzipped, brotli]) => Object.assign(asset, { gzip: gzipped, br: brotli, compressing: undefined }),
    () => Object.assign(asset, { compressing: undefined }),
  );
  return asset;
}

async function send(request: FastifyRequest, reply: FastifyReply, asset: Asset) {
  const encoding = pickEncoding(request.headers['accept-encoding']);
  if (encoding !== 'identity' && asset.compressing) await asset.compressing;
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
