/**
 * Who may call a route. Every `/api` route declares one of these in `config.access`; the server
 * refuses to start with a route that declares none, and the route × role test checks them all.
 */
import type { Role } from '../auth/roles.js';

export interface Permission {
  readonly name: string;
  readonly roles: readonly Role[];
}

/** `public`: anyone; `authenticated`: any signed-in user or token; a Permission: one of its roles. */
export type Access = 'public' | 'authenticated' | Permission;

export function definePermission(name: string, roles: readonly Role[]): Permission {
  return { name, roles };
}

export function rolesAllowed(access: Access, roles: readonly Role[]): boolean {
  if (access === 'public') return true;
  if (access === 'authenticated') return true;
  return roles.some((role) => access.roles.includes(role));
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}
