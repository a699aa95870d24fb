/**
 * `GET /oembed?url=…&format=json`: oEmbed 1.0 for share pages, as a `rich` type whose html is
 * an iframe of /embed/:code. Answered only for links that anyone may embed now (isEmbeddable):
 * unknown, revoked, private, password-protected, view-limited and expired links are all "no response for
 * that url" (404), a link whose owner turned embedding off too (`embed_disabled`).
 */
import { ANONYMOUS, errors, escapeAttribute, isAppError, isEmbeddable, isShortCode } from '@chatshare/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { instanceNameOf, shareTitle } from '../../og/card-data.js';
import { clipAtWord } from '../../og/excerpt.js';
import { OG_HEIGHT, OG_WIDTH } from '../../og/render.js';
import type { ShareRecord } from '../../repositories/shares.js';
import { translator } from '../../views/i18n.js';
import { ogImageUrl } from '../../views/preview.js';
import { errorResponses } from '../api/common-schema.js';
import { OEMBED_DEFAULT, OembedQuery, OembedResponse } from './schema.js';

/** How long a consumer may keep an answer; the frame itself checks the link on every load. */
export const OEMBED_CACHE_AGE = 3600;
export const EMBED_SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';

/**
 * The code of a share URL of this instance (`PUBLIC_URL/s/CODE`, or its `/embed/CODE`);
 * `undefined` when the URL is not one of ours; `null` when it is, but names no valid code.
 */
export function codeFromUrl(raw: string, publicUrl: string): string | null | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const base = new URL(publicUrl);
  const prefix = base.pathname.replace(/\/$/, '');
  if (url.origin !== base.origin || !url.pathname.startsWith(`${prefix}/`)) return undefined;
  const match = /^\/(?:s|embed)\/([^/]*)\/?$/.exec(url.pathname.slice(prefix.length));
  if (!match) return undefined;
  return isShortCode(match[1]!) ? match[1]! : null;
}

export default async function oembedRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { publicUrl } = app.config;
  const instanceName = instanceNameOf(publicUrl);
  const t = translator('en');

  async function embeddableShare(code: string | null): Promise<ShareRecord> {
    if (code === null) throw errors.shareNotFound();
    let share: ShareRecord;
    try {
      const access = await app.shareService.access(code, ANONYMOUS);
      // View-limited: its embed holds nothing to show, so (like a locked link) no response.
      if (access.reveal === 'required') throw errors.shareNotFound();
      share = access.share;
    } catch (error) {
      // Locked or expired: an embed would show nothing, so there is no response for this url.
      if (isAppError(error) && (error.status === 401 || error.status === 410)) throw errors.shareNotFound();
      throw error;
    }
    if (!isEmbeddable(share, app.now())) throw errors.embedDisabled();
    return share;
  }

  app.get(
    '/oembed',
    {
      schema: {
        tags: ['public'],
        summary: 'oEmbed (rich) for a share page URL',
        querystring: OembedQuery,
        response: { 200: OembedResponse, ...errorResponses(400, 404, 429, 501) },
      },
    },
    async (request, reply) => {
      // Consumers may call from a browser; the answer holds only what the public page shows.
      reply.headers({ 'access-control-allow-origin': '*', 'cache-control': 'no-cache' });
      const { url, format = 'json', maxwidth, maxheight } = request.query;
      if (format !== 'json') throw errors.formatNotSupported();
      const code = codeFromUrl(url, publicUrl);
      if (code === undefined) throw errors.urlNotSupported();
      const share = await app.shareMisses.guard(request, reply, () => embeddableShare(code));

      const width = Math.min(OEMBED_DEFAULT.width, maxwidth ?? Infinity);
      const height = Math.min(OEMBED_DEFAULT.height, maxheight ?? Infinity);
      const title = clipAtWord(shareTitle(share, t('view.untitled')), 200);
      const html =
        `<iframe src="${escapeAttribute(`${publicUrl}/embed/${share.code}`)}" width="${width}" height="${height}"` +
        ` title="${escapeAttribute(t('embed.frameTitle', { title }))}" sandbox="${EMBED_SANDBOX}"` +
        ` referrerpolicy="no-referrer" style="border:0;max-width:100%"></iframe>`;
      // The thumbnail is 1200 x 630 and is left out when it would not fit the consumer's box.
      const thumbnailFits = (maxwidth ?? Infinity) >= OG_WIDTH && (maxheight ?? Infinity) >= OG_HEIGHT;
      const body: OembedResponse = {
        type: 'rich',
        version: '1.0',
        title,
        provider_name: instanceName,
        provider_url: `${publicUrl}/`,
        html,
        width,
        height,
        cache_age: OEMBED_CACHE_AGE,
        ...(thumbnailFits
          ? {
              thumbnail_url: ogImageUrl(publicUrl, share),
              thumbnail_width: OG_WIDTH,
              thumbnail_height: OG_HEIGHT,
            }
          : {}),
      };
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );
}
