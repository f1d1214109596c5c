/**
 * Who may call each API route. The route × role test compares this table with the routes the server
 * actually has: a new route fails the suite until it is listed here with its intended access.
 */
import type { Role } from '../../src/platform/auth/roles.js';

export type Expected = 'public' | 'authenticated' | readonly Role[];

const ADMIN: readonly Role[] = ['admin'];
const CUSTOMERS_READ: readonly Role[] = ['admin', 'finance', 'sales', 'support', 'auditor', 'logistics'];
const CUSTOMERS_WRITE: readonly Role[] = ['admin', 'finance', 'sales'];

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
  'GET /api/customers': CUSTOMERS_READ,
  'GET /api/customers/export.csv': CUSTOMERS_READ,
  'GET /api/customers/tags': CUSTOMERS_READ,
  'POST /api/customers': CUSTOMERS_WRITE,
  'GET /api/customers/:id': CUSTOMERS_READ,
  'PATCH /api/customers/:id': CUSTOMERS_WRITE,
  'POST /api/customers/:id/archive': CUSTOMERS_WRITE,
  'POST /api/customers/:id/unarchive': CUSTOMERS_WRITE,
  'POST /api/customers/:id/contacts': CUSTOMERS_WRITE,
  'PATCH /api/customers/:id/contacts/:contactId': CUSTOMERS_WRITE,
  'DELETE /api/customers/:id/contacts/:contactId': CUSTOMERS_WRITE,
  'POST /api/customers/import': CUSTOMERS_WRITE,
};
