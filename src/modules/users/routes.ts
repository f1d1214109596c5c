/** HTTP for sign-in, users and API tokens: zod in, service call, zod out. */
import { z } from 'zod';
import { roleSchema } from '../../platform/auth/roles.js';
import type { AppContext } from '../../platform/context.js';
import { unauthenticated, validationError } from '../../platform/errors.js';
import { decodeCursor, pageOf, pageQuerySchema, toPage } from '../../platform/http/pagination.js';
import { actorOf, requestMeta, SESSION_COOKIE } from '../../platform/http/principal.js';
import type { App } from '../../platform/http/server.js';
import { usersPermissions as perms } from './permissions.js';
import {
  changePasswordSchema,
  createTokenSchema,
  createUserSchema,
  sessionSchema,
  signInSchema,
  tokenSchema,
  toToken,
  toUser,
  updateUserSchema,
  userSchema,
} from './schemas.js';
import { signIn, signOut } from './sessions.js';
import { findUserById } from './store.js';
import { createToken, listTokens, revokeToken } from './tokens.js';
import * as users from './users-service.js';

const idParams = z.object({ id: z.string().min(1).max(100) });
const noContent = { 204: z.null().describe('No content') };

export function usersRoutes(ctx: AppContext) {
  return (app: App) => {
    const secureCookie = ctx.config.BASE_URL.startsWith('https:');

    app.post(
      '/api/auth/sign-in',
      {
        config: {
          access: 'public',
          rateLimit: { max: ctx.config.SIGNIN_RATE_PER_MINUTE, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with email and password',
          body: signInSchema,
          response: { 200: sessionSchema },
        },
      },
      async (request, reply) => {
        const previous = request.cookies[SESSION_COOKIE];
        const result = await signIn(
          ctx,
          request.body.email,
          request.body.password,
          requestMeta(request),
          previous,
        );
        reply.setCookie(SESSION_COOKIE, result.sessionToken, {
          httpOnly: true,
          sameSite: 'lax',
          secure: secureCookie,
          path: '/',
          maxAge: ctx.config.SESSION_MAX_HOURS * 3600,
        });
        return { user: result.user, csrfToken: result.csrfToken };
      },
    );

    app.post(
      '/api/auth/sign-out',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['auth'], summary: 'End this session', response: noContent },
      },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token && request.principal?.via === 'session') await signOut(ctx, actorOf(request), token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/auth/session',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user and CSRF token',
          response: { 200: sessionSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const user = actor.userId ? await findUserById(ctx.db, actor.userId) : undefined;
        if (request.principal?.via !== 'session')
          throw validationError('This endpoint describes a browser session; API tokens have none.');
        if (!user) throw unauthenticated();
        return { user: toUser(user), csrfToken: request.principal.csrfToken ?? '' };
      },
    );

    app.post(
      '/api/auth/password',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Change your own password',
          body: changePasswordSchema,
          response: noContent,
        },
      },
      async (request, reply) => {
        if (request.principal?.via !== 'session')
          throw validationError(
            'Passwords are changed from a signed-in browser session, not with an API token.',
          );
        await users.changeOwnPassword(
          ctx,
          actorOf(request),
          request.principal?.sessionId,
          request.body.currentPassword,
          request.body.newPassword,
        );
        return reply.code(204).send(null);
      },
    );

    const listQuery = pageQuerySchema.extend({
      q: z.string().trim().max(200).optional(),
      role: roleSchema.optional(),
      status: z.enum(['active', 'disabled']).optional(),
    });

    app.get(
      '/api/users',
      {
        config: { access: perms.manageUsers },
        schema: {
          tags: ['users'],
          summary: 'List users',
          querystring: listQuery,
          response: { 200: pageOf(userSchema) },
        },
      },
      async (request) => {
        const { limit, cursor, ...filter } = request.query;
        const rows = await users.listUsers(ctx, {
          ...filter,
          limit,
          afterId: decodeCursor<string>(cursor, 'string'),
        });
        return toPage(rows, limit, (row) => row.id, toUser);
      },
    );

    app.post(
      '/api/users',
      {
        config: { access: perms.manageUsers },
        schema: {
          tags: ['users'],
          summary: 'Create a user (a password is generated when none is given)',
          body: createUserSchema,
          response: { 201: z.object({ user: userSchema, initialPassword: z.string().optional() }) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await users.createUser(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/api/users/:id',
      {
        config: { access: perms.manageUsers },
        schema: { tags: ['users'], summary: 'One user', params: idParams, response: { 200: userSchema } },
      },
      async (request) => users.getUser(ctx, request.params.id),
    );

    app.patch(
      '/api/users/:id',
      {
        config: { access: perms.manageUsers },
        schema: {
          tags: ['users'],
          summary: 'Change name or roles',
          params: idParams,
          body: updateUserSchema,
          response: { 200: userSchema },
        },
      },
      async (request) => users.updateUser(ctx, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/users/:id/disable',
      {
        config: { access: perms.manageUsers },
        schema: {
          tags: ['users'],
          summary: 'Disable a user and end their sessions',
          params: idParams,
          response: { 200: userSchema },
        },
      },
      async (request) => users.disableUser(ctx, actorOf(request), request.params.id),
    );

    app.post(
      '/api/users/:id/enable',
      {
        config: { access: perms.manageUsers },
        schema: {
          tags: ['users'],
          summary: 'Enable a disabled user',
          params: idParams,
          response: { 200: userSchema },
        },
      },
      async (request) => users.enableUser(ctx, actorOf(request), request.params.id),
    );

    app.get(
      '/api/tokens',
      {
        config: { access: perms.manageTokens },
        schema: {
          tags: ['tokens'],
          summary: 'List API tokens',
          querystring: pageQuerySchema,
          response: { 200: pageOf(tokenSchema) },
        },
      },
      async (request) => {
        const { limit, cursor } = request.query;
        const rows = await listTokens(ctx, decodeCursor<string>(cursor, 'string'), limit);
        return toPage(rows, limit, (row) => row.id, toToken);
      },
    );

    app.post(
      '/api/tokens',
      {
        config: { access: perms.manageTokens },
        schema: {
          tags: ['tokens'],
          summary: 'Create an API token; the secret is in this response only',
          body: createTokenSchema,
          response: { 201: z.object({ token: tokenSchema, secret: z.string() }) },
        },
      },
      async (request, reply) => reply.code(201).send(await createToken(ctx, actorOf(request), request.body)),
    );

    app.post(
      '/api/tokens/:id/revoke',
      {
        config: { access: perms.manageTokens },
        schema: {
          tags: ['tokens'],
          summary: 'Revoke an API token',
          params: idParams,
          response: { 200: tokenSchema },
        },
      },
      async (request) => revokeToken(ctx, actorOf(request), request.params.id),
    );
  };
}
