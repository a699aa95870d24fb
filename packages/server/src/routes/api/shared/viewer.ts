import type { Viewer } from '@chatshare/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Who is looking at share `code`: the signed-in user (if any) and their unlock cookie. */
export const viewerFor = (app: FastifyInstance, request: FastifyRequest, code: string): Viewer =>
  app.unlockService.viewer(request.user, code, request.cookies);

/**
 * The share's live state and the access decision for whoever asks, as every path that shows
 * a share takes them; unknown codes count towards the miss limit.
 */
export const openShare = (app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, code: string) =>
  app.shareMisses.guard(request, reply, () => app.shareService.access(code, viewerFor(app, request, code)));
