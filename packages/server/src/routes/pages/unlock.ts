/**
 * `POST /s/:code/unlock`: a share password in, a signed share-scoped cookie out. Takes the
 * page's HTML form (then redirects back to the page) or JSON (then answers JSON).
 */
import { errors, isAppError, LIFETIMES, LIMITS, sharePath } from '@chatshare/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { verifyPassword } from '../../auth/passwords.js';
import { createUnlockValue, unlockCookieName } from '../../auth/unlock-cookie.js';
import { routeRateLimit } from '../../plugins/route-rate-limit.js';
import { CodeParams, errorResponses } from '../api/common-schema.js';
import { viewerFor } from '../api/shared/viewer.js';

const UnlockBody = Type.Object(
  { password: Type.String({ maxLength: LIMITS.sharePasswordMaxLength }) },
  { additionalProperties: false },
);

const isForm = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

export default async function unlockRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const secure = app.config.publicUrl.startsWith('https:');

  // A person using the page's form gets pages, not JSON: too many attempts go back to the
  // form with a message, and a link that died meanwhile shows its not-found or expired page.
  app.setErrorHandler((error, request, reply) => {
    const status = isAppError(error) ? error.status : (error as { statusCode?: number }).statusCode;
    if (!isForm(request) || (status !== 429 && status !== 404 && status !== 410)) throw error;
    const page = sharePath(encodeURIComponent((request.params as { code: string }).code));
    return reply.redirect(status === 429 ? `${page}?error=rate_limited` : page, 303);
  });

  app.post(
    '/s/:code/unlock',
    {
      config: {
        rateLimit: {
          ...routeRateLimit(app, 'unlock'),
          keyGenerator: (request: FastifyRequest) =>
            `unlock:${(request.params as { code: string }).code}:${request.ip}`,
        },
      },
      schema: {
        tags: ['public'],
        summary: 'Unlock a password-protected link (form or JSON)',
        params: CodeParams,
        body: UnlockBody,
        response: { 200: Type.Object({ unlocked: Type.Boolean() }), ...errorResponses(400, 401, 404, 410, 429) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const pagePath = sharePath(code);
      const share = await app.shareMisses.guard(request, reply, () =>
        app.shareService.forUnlock(code, viewerFor(app, request, code)),
      );
      if (share.passwordHash !== null) {
        if (!(await verifyPassword(request.body.password, share.passwordHash))) {
          if (isForm(request)) return reply.redirect(`${pagePath}?error=wrong_password`, 303);
          throw errors.wrongPassword();
        }
        reply.setCookie(
          unlockCookieName(code),
          createUnlockValue(app.signers.shareUnlock, code, share.passwordVersion, app.now()),
          {
            path: '/',
            httpOnly: true,
            sameSite: 'lax',
            secure,
            maxAge: LIFETIMES.unlockMs / 1000,
          },
        );
      }
      if (isForm(request)) return reply.redirect(pagePath, 303);
      return { unlocked: true };
    },
  );
}
