import type { Viewer } from '@chatshare/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readUnlockValue, unlockCookieName } from '../../../auth/unlock-cookie.js';

/** Who is looking at share `code`: the signed-in user (if any) and their unlock cookie. */
export function viewerFor(app: FastifyInstance, request: FastifyRequest, code: string): Viewer {
  const user = request.user;
  return {
    userId: user?.id ?? null,
    email: user?.email ?? null,
    emailVerified: user?.emailVerified ?? false,
    unlockedPasswordVersion: readUnlockValue(
      app.signers.shareUnlock,
      code,
      request.cookies[unlockCookieName(code)],
      app.now(),
    ),
  };
}
