import { z } from 'zod';

/** The staff roles (DESIGN.md §4). The customer portal is a separate principal, not a role. */
export const ROLES = ['admin', 'finance', 'sales', 'logistics', 'support', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  finance: 'Finance',
  sales: 'Sales',
  logistics: 'Logistics',
  support: 'Customer service',
  auditor: 'Auditor (read-only)',
};
