import { Group, MultiSelect, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { type ShipmentFilters, shipmentsApi } from '../../../api/endpoints.js';
import type { Shipment } from '../../../api/types.js';
import { PagedTable } from '../../../components/PagedTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { RouterAnchor } from '../../../components/RouterAnchor.js';
import { formatDateTime } from '../../../lib/format.js';
import { useCursorList } from '../../../lib/useCursorList.js';
import { useCustomerName } from '../../orders/CustomerName.js';
import { useCarriers } from '../carriers/access.js';
import { SHIPMENT_STATUS_OPTIONS, ShipmentStatusBadge } from './badges.js';

const COLUMNS = [
  { label: 'Number', w: 170 },
  { label: 'Order', w: 160 },
  'Customer',
  { label: 'Status', w: 120 },
  'Carrier',
  'Tracking',
  { label: 'Packages', ta: 'right' as const, w: 90 },
  { label: 'Shipped', w: 180 },
];

/** Shipments newest first, by status and carrier. */
export function ShipmentsPage() {
  const carriers = useCarriers();
  const [statuses, setStatuses] = useState<string[]>([]);
  const [carrierId, setCarrierId] = useState<string | null>(null);
  const filters: ShipmentFilters = {
    status: statuses.length > 0 ? statuses.join(',') : null,
    carrierId,
  };
  const list = useCursorList(['shipments', 'list', filters], (page) =>
    shipmentsApi.list({ ...filters, ...page }),
  );
  const filtered = Object.values(filters).some((v) => v);

  return (
    <>
      <PageHeader
        title="Shipments"
        description="Every shipment from draft to the door: what is being picked and packed, what has shipped with which carrier, and what arrived."
      />
      <PagedTable
        list={list}
        label="Shipments"
        minWidth={1180}
        columns={COLUMNS}
        empty={
          filtered
            ? 'No shipments match these filters.'
            : 'No shipments yet. Create one from a confirmed order.'
        }
        noun="shipment"
        toolbar={
          <Group mb="md" gap="sm" align="flex-end">
            <MultiSelect
              label="Status"
              placeholder={statuses.length ? undefined : 'Any status'}
              data={SHIPMENT_STATUS_OPTIONS}
              value={statuses}
              onChange={setStatuses}
              clearable
              w={280}
            />
            <Select
              label="Carrier"
              placeholder="Any carrier"
              data={carriers.allOptions}
              value={carrierId}
              onChange={setCarrierId}
              clearable
              searchable
              w={240}
            />
          </Group>
        }
        row={(shipment) => <ShipmentRow shipment={shipment} />}
      />
    </>
  );
}

function ShipmentRow(props: { shipment: Shipment }) {
  const { shipment } = props;
  const customer = useCustomerName(shipment.customerName ? null : shipment.customerId);
  return (
    <Table.Tr>
      <Table.Td>
        <RouterAnchor
          to="/dispatch/shipments/$shipmentId"
          params={{ shipmentId: shipment.id }}
          size="sm"
          ff="monospace"
          style={{ whiteSpace: 'nowrap' }}
        >
          {shipment.number}
        </RouterAnchor>
        {shipment.kind === 'replacement' ? (
          <Text size="xs" c="dimmed">
            Replacement
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <RouterAnchor
          to="/dispatch/orders/$orderId"
          params={{ orderId: shipment.orderId }}
          size="sm"
          ff="monospace"
          style={{ whiteSpace: 'nowrap' }}
        >
          {shipment.orderNumber ?? 'Order'}
        </RouterAnchor>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{shipment.customerName ?? customer ?? shipment.customerId}</Text>
      </Table.Td>
      <Table.Td>
        <ShipmentStatusBadge status={shipment.status} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {shipment.carrier?.name ?? '—'}
          {shipment.service ? (
            <Text span size="xs" c="dimmed">
              {' '}
              · {shipment.service}
            </Text>
          ) : null}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {shipment.trackingNumbers[0]?.trackingNumber ?? '—'}
          {shipment.trackingNumbers.length > 1 ? ` +${shipment.trackingNumbers.length - 1}` : ''}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{shipment.packages.length || '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(shipment.shippedAt)}</Text>
      </Table.Td>
    </Table.Tr>
  );
}
