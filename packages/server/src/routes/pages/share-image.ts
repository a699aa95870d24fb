/**
 * `GET /s/:code/image.png`: chosen messages of a share as a PNG, 1080 px wide and at most
 * 1920 tall; a longer selection is several images (`part`). Query (og/image-selection.ts):
 * `from`, `to` (positions in the shared branch, 1-based; default the first exchange),
 * `theme` (`light` | `dark`), `lang` (`en` | `de`, the labels' language), `part` (1-based),
 * `v` (the version, as og.png's). The answer
 * says how many images the selection takes in `X-Image-Parts`.
 *
 * Every request takes the share and the access decision as og.png does (openShare): a link
 * whose page shows no content (password, view limit) gets og.png's generic card for its kind,
 * byte for byte; unknown, revoked and hidden private links are the page's 404. Images are
 * kept like og.png's, in memory and under DATA_DIR/og/conversations, named by version.
 */
import { isAppError, isPubliclyCacheable, shareUrl } from '@chatshare/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import type { LockedCard } from '../../og/card.js';
import { instanceNameOf, lockedCard, lockedImageVersion, shareTitle } from '../../og/card-data.js';
import { imageLabels } from '../../og/image-labels.js';
import { ImageStore } from '../../og/image-store.js';
import { conversationImageVersion, imageSelection, selectionKey } from '../../og/image-selection.js';
import { pngText } from '../../og/png-text.js';
import { drawShareImage, PARTS_KEYWORD, type ShareImageJob } from '../../og/share-image-draw.js';
import type { ShareRecord } from '../../repositories/shares.js';
import { LOCKED_IMAGES } from '../../views/preview.js';
import { openShare } from '../api/shared/viewer.js';
import { IMAGE_CURRENT, IMAGE_STALE } from './og-image.js';
import { etagMatches, NO_STORE } from './page-reply.js';
import { PageCodeParams } from './schema.js';

declare module 'fastify' {
  interface FastifyInstance {
    shareImages: ImageStore<ShareImageJob>;
  }
}

/** One query parameter, or several of the same name (refused by imageSelection). */
const QueryValue = Type.Union([Type.String(), Type.Array(Type.String())]);
export const ShareImageQuery = Type.Object({
  from: Type.Optional(QueryValue),
  to: Type.Optional(QueryValue),
  theme: Type.Optional(QueryValue),
  lang: Type.Optional(QueryValue),
  part: Type.Optional(QueryValue),
  v: Type.Optional(QueryValue),
});
export type ShareImageQuery = Static<typeof ShareImageQuery>;

type ImageRequest = FastifyRequest<{ Params: PageCodeParams; Querystring: ShareImageQuery }>;

export default fp(
  async function shareImageRoutes(app: FastifyInstance) {
    const store = new ImageStore<ShareImageJob>(
      path.join(app.config.dataDir, 'og', 'conversations'),
      app.log,
      drawShareImage,
    );
    app.decorate('shareImages', store);
    const instanceName = instanceNameOf(app.config.publicUrl);

    /** The share, or the kind of generic card its page's gate stands for (as og.png decides it). */
    async function shareFor(request: ImageRequest, reply: FastifyReply): Promise<ShareRecord | LockedCard['kind']> {
      try {
        const { share, reveal } = await openShare(app, request, reply, request.params.code);
        return reveal === 'required' ? 'limited' : share;
      } catch (error) {
        if (isAppError(error) && error.status === 401) return 'password';
        throw error;
      }
    }

    const schema = { hide: true, params: PageCodeParams, querystring: ShareImageQuery };
    app.get('/s/:code/image.png', { schema }, async (request: ImageRequest, reply) => {
      const share = await shareFor(request, reply);
      // Set once the answer is an image: an error before that is the usual JSON.
      const asImage = () => reply.headers({ 'content-type': 'image/png', 'x-content-type-options': 'nosniff' });
      if (typeof share === 'string') {
        // og.png's generic card from og.png's own store: the same bytes, never kept by anyone.
        const version = lockedImageVersion(share, instanceName);
        const { png } = await app.ogImages.get(LOCKED_IMAGES[share], version, () => lockedCard(share, instanceName));
        return asImage().header('cache-control', NO_STORE).send(png);
      }
      const selection = imageSelection(request.query, share.messageCount);
      const version = conversationImageVersion(share, instanceName);
      const key = selectionKey(selection);
      const { png } = await store.get(`${share.id}-${key}`, version, async () => ({
        planKey: `${share.id}-${version}-${key.replace(/-p\d+$/, '')}`,
        title: shareTitle(share, imageLabels(selection.locale).untitled),
        url: shareUrl(app.config.publicUrl, share.code),
        snapshot: await app.shareService.snapshotOf(share),
        selection,
      }));
      asImage().header('x-image-parts', pngText(png, PARTS_KEYWORD) ?? '1');
      if (!isPubliclyCacheable(share, app.now()).allowed) return reply.header('cache-control', NO_STORE).send(png);
      const tag = `img-${version}-${key}`;
      reply.headers({
        'cache-control': request.query.v === version ? IMAGE_CURRENT : IMAGE_STALE,
        etag: `"${tag}"`,
        'cross-origin-resource-policy': 'cross-origin',
      });
      if (etagMatches(request.headers['if-none-match'], tag)) return reply.status(304).send();
      return reply.send(png);
    });
  },
  { name: 'share-images', dependencies: ['context', 'rate-limits', 'og-images'] },
);
