import type { Role } from '../api/types.js';

/** Which roles may use each area. The server enforces this; the UI only hides what would be refused. */
export const AREA_ROLES = {
  worklist: null,
  receivables: ['admin', 'finance', 'sales', 'support', 'auditor'],
  dispatch: ['admin', 'finance', 'logistics', 'sales', 'support', 'auditor'],
  reports: ['admin', 'finance', 'sales', 'support', 'auditor'],
  users: ['admin'],
  tokens: ['admin'],
  audit: ['admin', 'auditor'],
  jobs: ['admin'],
  mail: ['admin'],
} as const satisfies Record<string, readonly Role[] | null>;

export type Area = keyof typeof AREA_ROLES;

export function canUse(area: Area, roles: readonly Role[]): boolean {
  const allowed: readonly Role[] | null = AREA_ROLES[area];
  return allowed === null || roles.some((role) => allowed.includes(role));
}
