import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../../../plugins/auth.js';
import { presentApiToken, presentCreatedApiToken } from '../../../presenters/api-token.js';
import { tokenName } from '../../../services/api-tokens.js';
import { errorResponses, IdParams } from '../common-schema.js';
import { CreatedTokenResponse, CreateTokenBody, TokenListResponse } from './schema.js';

export default async function tokenRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tokens = app.apiTokenService;

  app.get(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'My API tokens',
        response: { 200: TokenListResponse, ...errorResponses(401) },
      },
    },
    async (request) => ({ items: (await tokens.list(requireUser(request))).map(presentApiToken) }),
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token (the secret is shown once)',
        body: CreateTokenBody,
        response: { 201: CreatedTokenResponse, ...errorResponses(400, 401, 409) },
      },
    },
    async (request, reply) => {
      // The name is checked before who asks, so a blank one is a 400 even when signed out.
      const name = tokenName(request.body.name);
      return reply.status(201).send(presentCreatedApiToken(await tokens.create(requireUser(request), name)));
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 204: { type: 'null' }, ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      await tokens.revoke(requireUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
