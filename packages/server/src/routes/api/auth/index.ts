import { isAppError } from '@chatshare/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { requireUser, SESSION_COOKIE } from '../../../plugins/auth.js';
import { routeRateLimit } from '../../../plugins/route-rate-limit.js';
import { presentUser } from '../../../presenters/user.js';
import type { User } from '../../../repositories/users.js';
import { NOINDEX } from '../../../render/security-headers.js';
import type { SignedIn } from '../../../services/accounts.js';
import { negotiateLocale } from '../../../views/i18n.js';
import { renderVerifyPage } from '../../../views/render.js';
import type { VerifyResult } from '../../../views/VerifyPage.js';
import { NO_STORE, setPageHeaders } from '../../pages/page-reply.js';
import { errorResponses } from '../common-schema.js';
import {
  SessionResponse,
  SigninBody,
  SignupBody,
  UpdateMeBody,
  UserResponse,
  VerifyBody,
  VerifyQuery,
} from './schema.js';

export default async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const authLimit = { rateLimit: routeRateLimit(app, 'auth') };
  const accounts = app.accountService;

  /** The `{ user }` answer of every auth route, with whether the user is an instance admin. */
  const userResponse = async (user: User) => ({ user: presentUser(user, { isAdmin: await app.admins.isAdmin(user) }) });

  /** Puts the new session into its cookie; the answer is the signed-in user. */
  function signedIn(reply: FastifyReply, { user, session }: SignedIn) {
    app.setSessionCookie(reply, session.token, session.expiresAt);
    return userResponse(user);
  }

  app.post(
    '/auth/signup',
    {
      config: authLimit,
      schema: {
        tags: ['auth'],
        summary: 'Create an account and sign in',
        body: SignupBody,
        response: { 201: UserResponse, ...errorResponses(400, 403, 409, 429) },
      },
    },
    async (request, reply) => reply.status(201).send(await signedIn(reply, await accounts.signUp(request.body))),
  );

  app.post(
    '/auth/signin',
    {
      config: authLimit,
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: SigninBody,
        response: { 200: UserResponse, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => signedIn(reply, await accounts.signIn(request.body.email, request.body.password)),
  );

  app.post(
    '/auth/signout',
    { schema: { tags: ['auth'], summary: 'End this session', response: { 204: { type: 'null' } } } },
    async (request, reply) => {
      await accounts.signOut(request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/verify',
    {
      config: authLimit,
      schema: {
        tags: ['auth'],
        summary: 'Confirm an email address with the token from the mail',
        body: VerifyBody,
        response: { 200: UserResponse, ...errorResponses(400, 429) },
      },
    },
    async (request) => userResponse(await accounts.verifyEmail(request.body.token)),
  );

  app.get(
    '/auth/verify',
    {
      config: authLimit,
      schema: {
        tags: ['auth'],
        summary: 'The link in the verification mail: confirms and shows a page',
        querystring: VerifyQuery,
      },
    },
    async (request, reply) => {
      let result: VerifyResult = 'confirmed';
      try {
        await accounts.verifyEmail(request.query.token);
      } catch (error) {
        if (!isAppError(error)) throw error;
        result = 'invalid';
      }
      // The shared page headers: no-referrer among them, so the token in this URL goes nowhere.
      setPageHeaders(reply);
      reply.headers({ 'cache-control': NO_STORE, 'x-robots-tag': NOINDEX, vary: 'Accept-Language' });
      const locale = negotiateLocale(request.headers['accept-language']);
      return reply.status(result === 'confirmed' ? 200 : 400).send(renderVerifyPage(result, locale));
    },
  );

  app.post(
    '/auth/verify/resend',
    {
      config: authLimit,
      schema: {
        tags: ['auth'],
        summary: 'Send the verification mail again',
        response: { 202: { type: 'null' }, ...errorResponses(401, 409, 429) },
      },
    },
    async (request, reply) => {
      await accounts.resendVerification(requireUser(request));
      return reply.status(202).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: UserResponse, ...errorResponses(401) },
      },
    },
    async (request) => userResponse(requireUser(request)),
  );

  // What a page asks before it knows whether anyone is signed in: "nobody" is a 200 with
  // `user: null`, so a signed-out visit logs no failed request (`/me` keeps its 401).
  app.get(
    '/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, or null when nobody is signed in',
        response: { 200: SessionResponse, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', NO_STORE);
      return request.user ? userResponse(request.user) : { user: null };
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Set, change or clear my display name',
        description:
          'Cleaned like the name at sign-up (one line, trimmed); `""` or `null` clears it. Live links with ' +
          '"Show my name" show the new name from the next view on.',
        body: UpdateMeBody,
        response: { 200: UserResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) => userResponse(await accounts.setName(requireUser(request), request.body.name)),
  );
}
