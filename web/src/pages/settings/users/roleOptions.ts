import { ROLES, type Role } from '../../../api/types.js';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator (admin)',
  finance: 'Finance (finance)',
  sales: 'Sales (sales)',
  logistics: 'Logistics (logistics)',
  support: 'Customer service (support)',
  auditor: 'Management, read-only (auditor)',
};

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export function asRoles(values: string[]): Role[] {
  return values.filter((v): v is Role => (ROLES as readonly string[]).includes(v));
}
