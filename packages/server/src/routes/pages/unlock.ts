/**
 * `POST /s/:code/unlock`: a share password in, a signed share-scoped cookie out. Takes the
 * page's HTML form (then redirects back to the page) or JSON (then answers JSON).
 */
import { isAppError, sharePath } from '@chatshare/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { routeRateLimit } from '../../plugins/route-rate-limit.js';
import { CodeParams, errorResponses } from '../api/common-schema.js';
import { viewerFor } from '../api/shared/viewer.js';
import { UnlockBody, UnlockResultSchema } from './schema.js';

const isForm = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

/**
 * A person using the page's form gets pages, not JSON: a wrong password or too many attempts
 * go back to the form with a message (the query to add), and a link that died meanwhile shows
 * its not-found or expired page; undefined for any other failure.
 */
function formAnswer(error: unknown): string | undefined {
  if (isAppError(error) && error.code === 'wrong_password') return '?error=wrong_password';
  const status = isAppError(error) ? error.status : (error as { statusCode?: number }).statusCode;
  if (status === 429) return '?error=rate_limited';
  return status === 404 || status === 410 ? '' : undefined;
}

export default async function unlockRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler((error, request, reply) => {
    const query = isForm(request) ? formAnswer(error) : undefined;
    if (query === undefined) throw error;
    return reply.redirect(`${sharePath(encodeURIComponent((request.params as { code: string }).code))}${query}`, 303);
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
        response: { 200: UnlockResultSchema, ...errorResponses(400, 401, 404, 410, 429) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const cookie = await app.shareMisses.guard(request, reply, () =>
        app.unlockService.unlock(code, viewerFor(app, request, code), request.body.password),
      );
      if (cookie) reply.setCookie(cookie.name, cookie.value, cookie.options);
      if (isForm(request)) return reply.redirect(sharePath(code), 303);
      return { unlocked: true };
    },
  );
}
