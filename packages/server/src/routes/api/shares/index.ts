import { errors } from '@chatshare/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireUser } from '../../../plugins/auth.js';
import { presentShare } from '../../../presenters/share.js';
import type { ShareRecord } from '../../../repositories/shares.js';
import type { User } from '../../../repositories/users.js';
import { ConversationIdParams, errorResponses, IdParams } from '../common-schema.js';
import {
  CreateShareBody,
  DailyViewsResponse,
  ListSharesQuery,
  RevokeAllResponse,
  ScanQuery,
  ScanResponse,
  ShareListResponse,
  ShareResponse,
  ShareViewsQuery,
  UpdateShareBody,
} from './schema.js';
import { shareCreateLimit } from './create-limit.js';

export default async function shareRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = app.shareService;
  const present = (share: ShareRecord, user: User, warnings?: Parameters<typeof presentShare>[1]['warnings']) =>
    presentShare(share, { publicUrl: app.config.publicUrl, user, now: app.now(), ...(warnings ? { warnings } : {}) });

  /** One of the signed-in owner's shares, as `act` on it leaves it, presented. */
  async function presentFor(request: FastifyRequest, act: (user: User) => Promise<ShareRecord>) {
    const user = requireUser(request);
    return present(await act(user), user);
  }

  const createLimit = shareCreateLimit(app);

  app.post(
    '/shares',
    {
      config: createLimit,
      schema: {
        tags: ['shares'],
        summary: 'Share a conversation, or refresh its live link (the code stays)',
        body: CreateShareBody,
        response: { 200: ShareResponse, 201: ShareResponse, ...errorResponses(400, 401, 403, 404, 409, 410, 429) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { share, warnings, created } = await service.createOrRefresh(user, request.body);
      return reply.status(created ? 201 : 200).send(present(share, user, warnings));
    },
  );

  app.get(
    '/shares',
    {
      schema: {
        tags: ['shares'],
        summary: 'My links: search by title, sort, cursor paging',
        querystring: ListSharesQuery,
        response: { 200: ShareListResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const page = await service.list(user, request.query);
      return { items: page.items.map((share) => present(share, user)), nextCursor: page.nextCursor };
    },
  );

  app.delete(
    '/shares',
    {
      schema: {
        tags: ['shares'],
        summary: 'Revoke all my links',
        response: { 200: RevokeAllResponse, ...errorResponses(401) },
      },
    },
    async (request) => ({ revoked: await service.revokeAll(requireUser(request)) }),
  );

  app.get(
    '/shares/:id',
    {
      schema: {
        tags: ['shares'],
        summary: 'One of my links',
        params: IdParams,
        response: { 200: ShareResponse, ...errorResponses(401, 404) },
      },
    },
    async (request) => presentFor(request, (user) => service.ownShare(user, request.params.id)),
  );

  app.get(
    '/shares/:id/views',
    {
      schema: {
        tags: ['shares'],
        summary: 'Views of one of my links per day (UTC), for the last `days` days',
        params: IdParams,
        querystring: ShareViewsQuery,
        response: { 200: DailyViewsResponse, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.dailyViews(user, request.params.id, request.query.days ?? 30);
    },
  );

  app.patch(
    '/shares/:id',
    {
      config: createLimit,
      schema: {
        tags: ['shares'],
        summary: "Change a link's settings, or refresh its snapshot",
        params: IdParams,
        body: UpdateShareBody,
        response: { 200: ShareResponse, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { share, warnings } = await service.update(user, request.params.id, request.body);
      return present(share, user, warnings);
    },
  );

  app.delete(
    '/shares/:id',
    {
      schema: {
        tags: ['shares'],
        summary: 'Revoke a link: it is a 404 from the next request on',
        params: IdParams,
        response: { 200: ShareResponse, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) => presentFor(request, (user) => service.revoke(user, request.params.id)),
  );

  app.post(
    '/shares/:id/rotate',
    {
      config: createLimit,
      schema: {
        tags: ['shares'],
        summary: 'Give a link a new code: the old one is a 404 from the next request on',
        description: 'Settings, snapshot and view count stay. Refused for a revoked (409) or taken-down (410) link.',
        params: IdParams,
        response: { 200: ShareResponse, ...errorResponses(401, 404, 409, 410, 429) },
      },
    },
    async (request) => presentFor(request, (user) => service.rotate(user, request.params.id)),
  );

  app.get(
    '/conversations/:conversationId/secrets',
    {
      schema: {
        tags: ['shares'],
        summary: 'Secrets a share would publish (API keys, tokens, emails), before sharing',
        params: ConversationIdParams,
        querystring: ScanQuery,
        response: { 200: ScanResponse, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { leafMessageId, start, end } = request.query;
      const warnings = await service.scan(requireUser(request), request.params.conversationId, {
        ...(leafMessageId ? { leafMessageId } : {}),
        ...(start !== undefined || end !== undefined
          ? { range: { start: start ?? 0, ...(end !== undefined ? { end } : {}) } }
          : {}),
      });
      return { warnings };
    },
  );

  app.get(
    '/conversations/:conversationId/share',
    {
      schema: {
        tags: ['shares'],
        summary: "A conversation's live link",
        params: ConversationIdParams,
        response: { 200: ShareResponse, ...errorResponses(401, 404) },
      },
    },
    async (request) =>
      presentFor(request, async (user) => {
        const share = await service.forConversation(user, request.params.conversationId);
        if (!share) throw errors.shareNotFound('This conversation is not shared.');
        return share;
      }),
  );
}
