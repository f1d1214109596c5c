/**
 * Who may call each API route. The route × role test compares this table with the routes the server
 * actually has: a new route fails the suite until it is listed here with its intended access.
 */
import type { Role } from '../../src/platform/auth/roles.js';

export type Expected = 'public' | 'authenticated' | readonly Role[];

const ADMIN: readonly Role[] = ['admin'];

export const EXPECTED_ACCESS: Record<string, Expected> = {
  'GET /api/openapi.json': 'public',
  'POST /api/auth/sign-in': 'public',
  'POST /api/auth/sign-out': 'authenticated',
  'GET /api/auth/session': 'authenticated',
  'POST /api/auth/password': 'authenticated',
  'GET /api/meta': 'authenticated',
  'GET /api/audit': ['admin', 'auditor'],
  'GET /api/jobs': ADMIN,
  'POST /api/jobs/:id/retry': ADMIN,
  'GET /api/mail': ADMIN,
  'GET /api/mail/:id': ADMIN,
  'POST /api/mail/:id/retry': ADMIN,
  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'GET /api/users/:id': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/disable': ADMIN,
  'POST /api/users/:id/enable': ADMIN,
  'GET /api/tokens': ADMIN,
  'POST /api/tokens': ADMIN,
  'POST /api/tokens/:id/revoke': ADMIN,
};
