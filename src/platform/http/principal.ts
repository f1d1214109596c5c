/**
 * Authentication and authorization for every request, before the body is even parsed:
 * who is calling (session cookie or API token), may they call this route, and — for writes made
 * with a cookie — does the request carry the session's CSRF token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { transaction } from '../db/transaction.js';
import { AppError, forbidden, unauthenticated } from '../errors.js';
import { type Access, rolesAllowed } from './access.js';

export const SESSION_COOKIE = 'duely_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface Principal {
  actor: Actor;
  via: 'session' | 'token';
  /** Present for sessions: the token a cookie-authenticated write must echo in the x-csrf-token header. */
  csrfToken?: string;
  sessionId?: string;
}

export interface RequestMeta {
  requestId: string;
  ip: string;
  userAgent: string | undefined;
}

/** Implemented by the users module; the platform knows nothing of how users are stored. */
export interface Authenticator {
  fromSession(cookieValue: string, meta: RequestMeta): Promise<Principal | null>;
  fromToken(bearer: string, meta: RequestMeta): Promise<Principal | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Set when a session cookie was presented but is not (or no longer) valid. */
    staleSession: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { requestId: request.id, ip: request.ip, userAgent: request.headers['user-agent'] };
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function resolvePrincipal(
  authenticator: Authenticator,
  request: FastifyRequest,
): Promise<Principal | null> {
  const meta = requestMeta(request);
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <API token>".');
    const principal = await authenticator.fromToken(match[1]!, meta);
    if (!principal) throw unauthenticated('The API token is unknown, revoked or expired.');
    return principal;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) {
    const principal = await authenticator.fromSession(cookie, meta);
    if (!principal) request.staleSession = true;
    return principal;
  }
  return null;
}

async function auditDenial(
  ctx: AppContext,
  actor: Actor,
  request: FastifyRequest,
  reason: string,
): Promise<void> {
  const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
  try {
    await transaction(ctx, actor, async (tx) => {
      tx.audit({ action: 'access.denied', entityType: 'route', entityId: route, after: { reason } });
    });
  } catch (error) {
    request.log.error({ err: error }, 'could not audit an access denial');
  }
}

export function installAccessControl(
  app: FastifyInstance,
  ctx: AppContext,
  authenticator: Authenticator,
): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('staleSession', false);

  app.addHook('onRequest', async (request) => {
    const access: Access | undefined = request.routeOptions.config.access;
    if (access === undefined) return; // not an API route (static files, 404s)
    if (access === 'public') {
      // Public routes don't need a caller; a credential meant for something else (e.g. the metrics token) is no error.
      request.principal = await resolvePrincipal(authenticator, request).catch(() => null);
      return;
    }
    request.principal = await resolvePrincipal(authenticator, request);

    const principal = request.principal;
    if (!principal) {
      throw unauthenticated(
        request.staleSession
          ? 'Your session has expired or is not valid; sign in again.'
          : 'Sign in or send a valid API token.',
      );
    }
    const actor = { ...principal.actor, requestId: request.id, ip: request.ip };
    principal.actor = actor;

    if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !principal.csrfToken || !sameToken(sent, principal.csrfToken)) {
        await auditDenial(ctx, actor, request, 'missing or invalid CSRF token');
        throw new AppError(
          403,
          'csrf',
          'Permission denied',
          `Writes made with a session cookie must send the session's CSRF token in the ${CSRF_HEADER} header.`,
        );
      }
    }
    if (!rolesAllowed(access, actor.roles)) {
      const needed = typeof access === 'object' ? access : null;
      await auditDenial(ctx, actor, request, `needs ${needed?.name}`);
      throw forbidden(
        `This needs the "${needed?.name}" permission, held by the role(s) ${needed?.roles.join(', ')}; you have ${actor.roles.join(', ') || 'no role'}.`,
      );
    }
  });
}

/** The acting principal of a request whose route requires one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.principal) throw unauthenticated();
  return request.principal.actor;
}
