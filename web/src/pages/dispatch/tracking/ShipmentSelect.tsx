import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { shipmentsApi } from '../../../api/endpoints.js';

/**
 * Picks a shipment that can carry tracking (shipped or later), newest first; optionally only those of
 * one carrier. The list is searched by number, order number and customer as typed.
 */
export function ShipmentSelect(props: {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  carrierId?: string | null;
  error?: string | undefined;
}) {
  const query = useQuery({
    queryKey: ['shipments', 'list', { pick: true, carrierId: props.carrierId ?? null }],
    queryFn: () =>
      shipmentsApi.list({
        status: 'shipped,delivered,returned,lost',
        carrierId: props.carrierId ?? null,
        limit: 500,
      }),
    staleTime: 10_000,
  });
  const data = (query.data?.items ?? []).map((s) => ({
    value: s.id,
    label: `${s.number} — ${s.orderNumber ?? 'order'}${s.customerName ? `, ${s.customerName}` : ''}${
      s.trackingNumbers[0] ? ` (${s.trackingNumbers.map((t) => t.trackingNumber).join(', ')})` : ''
    }`,
  }));
  return (
    <Select
      label={props.label}
      placeholder="Search by number, order or customer"
      searchable
      data={data}
      value={props.value}
      onChange={props.onChange}
      nothingFoundMessage={query.isPending ? 'Loading…' : 'No shipped shipment matches'}
      error={props.error}
      required
    />
  );
}
