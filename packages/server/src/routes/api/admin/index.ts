/**
 * The instance admin's API: reports, takedown and restore of links, dismissing a report.
 * Signed out is 401; signed in as anyone but an admin is 403.
 */
import { LIMITS } from '@chatshare/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../../../plugins/auth.js';
import { requireAdmin } from '../../../plugins/moderation.js';
import { presentModeratedShare, presentReport } from '../../../presenters/report.js';
import { errorResponses, IdParams } from '../common-schema.js';
import { ListReportsQuery, ModeratedShareSchema, ReportListResponse, ReportSchema, TakedownBody } from './schema.js';

export default async function adminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { publicUrl } = app.config;
  // Every route here is the admin's: checked once the request is read and valid, before any handler.
  app.addHook('preHandler', async (request) => {
    await requireAdmin(app, request);
  });

  app.get(
    '/admin/reports',
    {
      schema: {
        tags: ['admin'],
        summary: 'Reports of links, newest first, with the reported link',
        querystring: ListReportsQuery,
        response: { 200: ReportListResponse, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { status, cursor, limit } = request.query;
      const page = await app.moderation.list({
        status: status ?? 'open',
        limit: limit ?? LIMITS.pageSizeDefault,
        ...(cursor ? { cursor } : {}),
      });
      return { items: page.items.map((report) => presentReport(report, publicUrl)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/admin/reports/:id/dismiss',
    {
      schema: {
        tags: ['admin'],
        summary: 'Close a report without acting on the link',
        params: IdParams,
        response: { 200: ReportSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      return presentReport(await app.moderation.dismiss(requireUser(request), request.params.id), publicUrl);
    },
  );

  app.post(
    '/admin/shares/:id/takedown',
    {
      schema: {
        tags: ['admin'],
        summary:
          "Take a link down: a 404 for everyone but its owner, who sees the reason; closes the link's open reports",
        params: IdParams,
        body: TakedownBody,
        response: { 200: ModeratedShareSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const share = await app.moderation.takeDown(requireUser(request), request.params.id, request.body.reason);
      return presentModeratedShare(share, publicUrl);
    },
  );

  app.delete(
    '/admin/shares/:id/takedown',
    {
      schema: {
        tags: ['admin'],
        summary: 'Restore a link that was taken down',
        params: IdParams,
        response: { 200: ModeratedShareSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      return presentModeratedShare(await app.moderation.restore(request.params.id), publicUrl);
    },
  );
}
