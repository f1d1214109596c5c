import { useQuery } from '@tanstack/react-query';
import { usersApi } from '../../api/endpoints.js';
import type { Role, User } from '../../api/types.js';
import { canUse } from '../../auth/permissions.js';
import { useSession } from '../../auth/session.js';

/** Roles that may create, change, archive and import customers (the server's `customers.write`). */
const WRITE_ROLES: readonly Role[] = ['admin', 'finance', 'sales'];

export function useCanWriteCustomers(): boolean {
  const { user } = useSession();
  return user.roles.some((role) => WRITE_ROLES.includes(role));
}

export interface Owners {
  /** Active sales users who can be picked as account owner. */
  options: { value: string; label: string }[];
  /** The name of the user with this id, when known. */
  nameOf: (id: string) => string | null;
  /** Whether `options` lists every possible owner (only administrators can list users). */
  complete: boolean;
}

/**
 * The users who can own customer accounts (active, with the sales role). Only administrators may list
 * users; anyone else with the sales role can pick themselves, and other owners show by id.
 */
export function useOwners(): Owners {
  const { user: me } = useSession();
  const canList = canUse('users', me.roles);
  const query = useQuery({
    queryKey: ['users', 'list', { role: 'sales', purpose: 'owners' }],
    queryFn: () => usersApi.list({ role: 'sales', limit: 500 }),
    enabled: canList,
    staleTime: 60_000,
  });
  const known: User[] = canList ? (query.data?.items ?? []) : me.roles.includes('sales') ? [me] : [];
  const names = new Map(known.map((u) => [u.id, u.name]));
  if (!names.has(me.id)) names.set(me.id, me.name);
  return {
    options: known
      .filter((u) => u.status === 'active')
      .map((u) => ({ value: u.id, label: u.id === me.id ? `${u.name} (me)` : u.name })),
    nameOf: (id) => names.get(id) ?? null,
    complete: canList,
  };
}
