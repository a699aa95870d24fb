import { cleanLine, errors } from '@chatshare/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../../../plugins/auth.js';
import { errorResponses, IdParams } from '../common-schema.js';
import { CreatedTokenResponse, CreateTokenBody, TokenListResponse } from './schema.js';

export default async function tokenRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'My API tokens',
        response: { 200: TokenListResponse, ...errorResponses(401) },
      },
    },
    async (request) => ({ items: await app.repos.apiTokens.list(requireUser(request).id) }),
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
      const name = cleanLine(request.body.name);
      if (name === '') throw errors.validation('body.name must not be blank');
      const created = await app.repos.apiTokens.create(requireUser(request).id, name);
      return reply.status(201).send(created);
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
      if (!(await app.repos.apiTokens.revoke(requireUser(request).id, request.params.id))) throw errors.tokenNotFound();
      return reply.status(204).send(null);
    },
  );
}
