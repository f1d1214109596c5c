import { Alert, Button, Group, Modal, Paper, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTruckLoading } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { shipmentsApi } from '../../api/endpoints.js';
import type { Order, Shipment } from '../../api/types.js';
import { QueryError } from '../../components/QueryError.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formError } from '../../lib/fieldErrors.js';
import { formatDateTime } from '../../lib/format.js';
import { pathErrors } from '../customers/formErrors.js';
import { useWarehouses } from '../dispatch/access.js';
import { useCanWriteShipments } from '../dispatch/shipments/access.js';
import { OPEN_SHIPMENT_STATUSES, ShipmentStatusBadge } from '../dispatch/shipments/badges.js';

const SHIPPABLE: readonly Order['status'][] = ['confirmed', 'partially_shipped'];

/** Units of each order line held by shipments still being prepared (draft, picked, packed). */
function pendingByLine(shipments: readonly Shipment[]): Map<string, number> {
  const pending = new Map<string, number>();
  for (const s of shipments) {
    if (s.kind !== 'regular' || !OPEN_SHIPMENT_STATUSES.includes(s.status)) continue;
    for (const l of s.lines) pending.set(l.orderLineId, (pending.get(l.orderLineId) ?? 0) + l.quantity);
  }
  return pending;
}

/** The order's shipments, and the way to start a new one from its open lines. */
export function OrderShipments(props: { order: Order }) {
  const { order } = props;
  const canWrite = useCanWriteShipments();
  const [creating, setCreating] = useState(false);
  const query = useQuery({
    queryKey: ['shipments', 'list', { orderId: order.id }],
    queryFn: () => shipmentsApi.list({ orderId: order.id, limit: 200 }),
  });
  const shipments = query.data?.items ?? [];
  const pending = pendingByLine(shipments);
  const free = order.lines.reduce((n, l) => n + Math.max(0, l.open - (pending.get(l.id) ?? 0)), 0);
  const canShip = canWrite && SHIPPABLE.includes(order.status) && free > 0 && query.isSuccess;

  return (
    <Paper withBorder radius="md" p="md" aria-label="Shipments">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Shipments</Title>
        {canShip ? (
          <Button size="xs" leftSection={<IconTruckLoading size={14} />} onClick={() => setCreating(true)}>
            Create shipment
          </Button>
        ) : null}
      </Group>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : shipments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {query.isPending ? 'Loading…' : 'No shipment yet.'}
        </Text>
      ) : (
        <Table fz="sm" aria-label="Order shipments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Number</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Units</Table.Th>
              <Table.Th>Carrier</Table.Th>
              <Table.Th>Tracking</Table.Th>
              <Table.Th>Shipped</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shipments.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <RouterAnchor
                    to="/dispatch/shipments/$shipmentId"
                    params={{ shipmentId: s.id }}
                    size="sm"
                    ff="monospace"
                  >
                    {s.number}
                  </RouterAnchor>
                </Table.Td>
                <Table.Td>
                  <ShipmentStatusBadge status={s.status} />
                </Table.Td>
                <Table.Td>{s.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}</Table.Td>
                <Table.Td>{s.carrier?.name ?? '—'}</Table.Td>
                <Table.Td ff="monospace">
                  {s.trackingNumbers.map((t) => t.trackingNumber).join(', ') || '—'}
                </Table.Td>
                <Table.Td>{formatDateTime(s.shippedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating ? (
        <CreateShipmentModal order={order} pending={pending} onClose={() => setCreating(false)} />
      ) : null}
    </Paper>
  );
}

/** Choose how many units of each open line go on a new shipment (one warehouse per shipment). */
function CreateShipmentModal(props: { order: Order; pending: Map<string, number>; onClose: () => void }) {
  const { order, pending } = props;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const warehouses = useWarehouses();
  const lines = order.lines
    .map((l) => ({ line: l, free: Math.max(0, l.open - (pending.get(l.id) ?? 0)) }))
    .filter((x) => x.free > 0);
  const firstWarehouse = lines[0]?.line.warehouseId;
  const [quantities, setQuantities] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      lines.map(({ line, free }) => [line.id, line.warehouseId === firstWarehouse ? String(free) : '0']),
    ),
  );
  const chosen = lines
    .map(({ line }) => ({ orderLineId: line.id, text: quantities[line.id] ?? '' }))
    .filter((x) => x.text.trim() !== '' && x.text.trim() !== '0');
  const create = useMutation({
    mutationFn: () =>
      shipmentsApi.create({
        orderId: order.id,
        lines: chosen.map((x) => ({
          orderLineId: x.orderLineId,
          quantity: /^\s*\d+\s*$/.test(x.text) ? Number(x.text) : (null as unknown as number),
        })),
      }),
    onSuccess: (shipment) => {
      queryClient.setQueryData(['shipments', 'detail', shipment.id], shipment);
      void queryClient.invalidateQueries({ queryKey: ['shipments', 'list'] });
      notifications.show({
        color: 'teal',
        title: `Shipment ${shipment.number} created`,
        message: 'Pick list ready: pick, pack and ship it.',
      });
      props.onClose();
      void navigate({ to: '/dispatch/shipments/$shipmentId', params: { shipmentId: shipment.id } });
    },
  });
  const errors = pathErrors(create.error);
  const lineError = (orderLineId: string) => {
    const i = chosen.findIndex((x) => x.orderLineId === orderLineId);
    return i < 0
      ? undefined
      : (errors[`lines.${i}.quantity`] ?? errors[`lines.${i}.orderLineId`] ?? errors[`lines.${i}`]);
  };
  const warehouseCount = new Set(lines.map((l) => l.line.warehouseId)).size;

  return (
    <Modal opened onClose={props.onClose} title="Create shipment" size="xl">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        {create.error ? (
          <Alert color="red" role="alert" mb="sm">
            {errors.lines ?? formError(create.error, ['lines'])}
          </Alert>
        ) : null}
        <Text size="sm" mb="sm">
          Units to ship now; what you leave out stays open (backordered) on the order.
          {warehouseCount > 1 ? ' A shipment leaves from one warehouse: choose lines of one warehouse.' : ''}
        </Text>
        <Table fz="sm" aria-label="Lines to ship">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>SKU</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th>Warehouse</Table.Th>
              <Table.Th ta="right">Reserved</Table.Th>
              <Table.Th ta="right">Open</Table.Th>
              <Table.Th w={140}>Ship now</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map(({ line, free }) => (
              <Table.Tr key={line.id}>
                <Table.Td ff="monospace">{line.sku}</Table.Td>
                <Table.Td>{line.description}</Table.Td>
                <Table.Td>{warehouses.codeOf(line.warehouseId)}</Table.Td>
                <Table.Td ta="right">{line.reserved}</Table.Td>
                <Table.Td ta="right">{free}</Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={`${line.sku} units to ship`}
                    inputMode="numeric"
                    value={quantities[line.id] ?? ''}
                    onChange={(e) => {
                      const text = e.currentTarget.value;
                      setQuantities((q) => ({ ...q, [line.id]: text }));
                    }}
                    error={lineError(line.id)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} disabled={chosen.length === 0}>
            Create shipment
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
