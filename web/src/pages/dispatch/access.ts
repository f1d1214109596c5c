import { useQuery } from '@tanstack/react-query';
import { warehousesApi } from '../../api/endpoints.js';
import type { Role, Warehouse } from '../../api/types.js';
import { useSession } from '../../auth/session.js';

/** Roles that may change products, warehouses and stock (the server's `catalog.write`). */
const WRITE_ROLES: readonly Role[] = ['admin', 'logistics'];
/** Roles that may take available stock below zero (an audited override). */
const OVERRIDE_ROLES: readonly Role[] = ['admin', 'logistics'];

export function useCanWriteCatalog(): boolean {
  const { user } = useSession();
  return user.roles.some((role) => WRITE_ROLES.includes(role));
}

export function useCanOverrideStock(): boolean {
  const { user } = useSession();
  return user.roles.some((role) => OVERRIDE_ROLES.includes(role));
}

export const warehousesQuery = {
  queryKey: ['warehouses', 'list'],
  queryFn: async (): Promise<Warehouse[]> => (await warehousesApi.list()).items,
  staleTime: 60_000,
};

/** All warehouses (few), with options for a Select and a code by id. */
export function useWarehouses() {
  const query = useQuery(warehousesQuery);
  const items = query.data ?? [];
  const codes = new Map(items.map((w) => [w.id, w.code]));
  return {
    query,
    items,
    options: items.map((w) => ({
      value: w.id,
      label: `${w.code} — ${w.name}${w.active ? '' : ' (inactive)'}`,
    })),
    codeOf: (id: string) => codes.get(id) ?? id,
  };
}
