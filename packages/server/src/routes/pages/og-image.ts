/**
 * Preview images. `GET /s/:code/og.png` is a share's card (1200 x 630 PNG): every request does
 * the share's one lookup and the access decision first, as the page does, so a revoked link's
 * image is a 404 at once; the image itself comes from memory or disk when it was drawn before.
 * `GET /og/<kind>.png` are the generic cards of gate pages, the same for every link.
 */
import { isAppError, isPubliclyCacheable } from '@chatshare/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import path from 'node:path';
import type { LockedCard } from '../../og/card.js';
import { imageVersion, instanceNameOf, lockedCard, lockedImageVersion, openCard } from '../../og/card-data.js';
import { OgImageStore } from '../../og/image-store.js';
import type { ShareRecord } from '../../repositories/shares.js';
import { LOCKED_IMAGES } from '../../views/preview.js';
import { openShare } from '../api/shared/viewer.js';
import { etagMatches, NO_STORE } from './page-reply.js';
import { OgImageQuery, PageCodeParams } from './schema.js';

declare module 'fastify' {
  interface FastifyInstance {
    ogImages: OgImageStore;
  }
}

/** An image whose URL names its version: the URL's bytes never change. A day bounds how long
 * a revoked link's image can stay in someone else's cache. */
export const IMAGE_CURRENT = 'public, max-age=86400, immutable';
/** The current image asked for under an old (or no) version: shared caches keep it briefly. */
export const IMAGE_STALE = 'public, max-age=300';

type ImageRequest = FastifyRequest<{ Params: PageCodeParams; Querystring: OgImageQuery }>;

function sendPng(request: ImageRequest, reply: FastifyReply, png: Buffer, version: string, shared: boolean) {
  reply.headers({ 'content-type': 'image/png', 'x-content-type-options': 'nosniff' });
  if (!shared) return reply.header('cache-control', NO_STORE).send(png);
  reply.headers({
    'cache-control': request.query.v === version ? IMAGE_CURRENT : IMAGE_STALE,
    etag: `"og-${version}"`,
    // Other sites show these images (oEmbed thumbnails, previews); nothing in them is private.
    'cross-origin-resource-policy': 'cross-origin',
  });
  if (etagMatches(request.headers['if-none-match'], `og-${version}`)) return reply.status(304).send();
  return reply.send(png);
}

export default fp(
  async function ogImageRoutes(app: FastifyInstance) {
    const store = new OgImageStore(path.join(app.config.dataDir, 'og'), app.log);
    app.decorate('ogImages', store);
    const instanceName = instanceNameOf(app.config.publicUrl);

    const lockedImage = (kind: LockedCard['kind']) => {
      const version = lockedImageVersion(kind, instanceName);
      return { version, image: store.get(LOCKED_IMAGES[kind], version, () => lockedCard(kind, instanceName)) };
    };

    const lockedSchema = { hide: true, querystring: OgImageQuery };
    for (const kind of Object.keys(LOCKED_IMAGES) as LockedCard['kind'][]) {
      app.get(`/og/${LOCKED_IMAGES[kind]}.png`, { schema: lockedSchema }, async (request: ImageRequest, reply) => {
        const { version, image } = lockedImage(kind);
        return sendPng(request, reply, (await image).png, version, true);
      });
    }

    /**
     * The share and the decision, as the page takes them; a link whose page shows no content
     * answers the kind of generic card to send instead.
     */
    async function shareFor(request: ImageRequest, reply: FastifyReply): Promise<ShareRecord | LockedCard['kind']> {
      try {
        const { share, reveal } = await openShare(app, request, reply, request.params.code);
        // A view-limited link's page shows its reveal step: its card says nothing of it either.
        return reveal === 'required' ? 'limited' : share;
      } catch (error) {
        if (!isAppError(error)) throw error;
        // The page answers a password form here; its image is the generic password card.
        if (error.status === 401) return 'password';
        throw error;
      }
    }

    const imageSchema = { hide: true, params: PageCodeParams, querystring: OgImageQuery };
    app.get('/s/:code/og.png', { schema: imageSchema }, async (request: ImageRequest, reply) => {
      const share = await shareFor(request, reply);
      if (typeof share === 'string') {
        // Not cacheable by anyone: once unlocked, the same URL gives this reader the real card.
        const { version, image } = lockedImage(share);
        return sendPng(request, reply, (await image).png, version, false);
      }
      const version = imageVersion(share, instanceName);
      // The snapshot is read only when the image has to be drawn.
      const { png } = await store.get(share.id, version, async () =>
        openCard(share, await app.shareService.snapshotOf(share), instanceName),
      );
      return sendPng(request, reply, png, version, isPubliclyCacheable(share, app.now()).allowed);
    });
  },
  { name: 'og-images', dependencies: ['context', 'rate-limits'] },
);
