import { useQuery } from '@tanstack/react-query';
import { carriersApi } from '../../../api/endpoints.js';
import type { Carrier, Role, TrackingFormat } from '../../../api/types.js';
import { useSession } from '../../../auth/session.js';

/** Roles that may add and change carriers and their webhook secrets (the server's `carriers.write`). */
const WRITE_ROLES: readonly Role[] = ['admin', 'logistics'];

export function useCanWriteCarriers(): boolean {
  const { user } = useSession();
  return user.roles.some((role) => WRITE_ROLES.includes(role));
}

export const carriersQuery = {
  queryKey: ['carriers', 'list'],
  queryFn: async (): Promise<Carrier[]> => (await carriersApi.list({ active: 'all' })).items,
  staleTime: 60_000,
};

/** All carriers (few), with Select options (active ones) and lookups by id. */
export function useCarriers() {
  const query = useQuery(carriersQuery);
  const items = query.data ?? [];
  const byId = new Map(items.map((c) => [c.id, c]));
  return {
    query,
    items,
    options: items.filter((c) => c.active).map((c) => ({ value: c.id, label: `${c.name} (${c.code})` })),
    allOptions: items.map((c) => ({
      value: c.id,
      label: `${c.name} (${c.code})${c.active ? '' : ' — inactive'}`,
    })),
    byId: (id: string | null | undefined) => (id ? byId.get(id) : undefined),
    nameOf: (id: string | null | undefined) => (id ? (byId.get(id)?.name ?? id) : '—'),
  };
}

/** The carrier's public tracking page for a number, from its URL template; null without a template. */
export function trackingUrl(carrier: Carrier | undefined, trackingNumber: string): string | null {
  if (!carrier?.trackingUrlTemplate) return null;
  return carrier.trackingUrlTemplate.replaceAll('{trackingNumber}', encodeURIComponent(trackingNumber));
}

export const FORMAT_LABELS: Record<TrackingFormat, string> = {
  duely: 'Duely generic JSON',
  aftership: 'AfterShip',
  easypost: 'EasyPost',
};
