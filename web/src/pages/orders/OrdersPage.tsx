import { Badge, Button, Checkbox, Group, MultiSelect, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { type OrderFilters, ordersApi } from '../../api/endpoints.js';
import type { Order } from '../../api/types.js';
import { PagedTable } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formatDate } from '../../lib/format.js';
import { formatMoney } from '../../lib/money.js';
import { useCursorList } from '../../lib/useCursorList.js';
import { CustomerSelect } from '../invoices/CustomerSelect.js';
import { useCanWriteOrders } from './access.js';
import { ORDER_STATUS_OPTIONS, OrderStatusBadge, orderName } from './badges.js';
import { CustomerName } from './CustomerName.js';

const COLUMNS = [
  'Number',
  'Customer',
  'Ordered',
  'Promised ship',
  'Status',
  { label: 'Units shipped', ta: 'right' as const },
  { label: 'Net total', ta: 'right' as const },
];

/** Sales orders, newest first: filter by status, customer, order dates and backorders. */
export function OrdersPage() {
  const navigate = useNavigate();
  const canWrite = useCanWriteOrders();
  const [statuses, setStatuses] = useState<string[]>([]);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [backordered, setBackordered] = useState(false);
  const filters: OrderFilters = {
    status: statuses.length > 0 ? statuses.join(',') : null,
    customerId,
    from: from || null,
    to: to || null,
    backordered: backordered ? 'true' : null,
  };
  const list = useCursorList(['orders', 'list', filters], (page) => ordersApi.list({ ...filters, ...page }));
  const filtered = Object.values(filters).some((v) => v);

  return (
    <>
      <PageHeader
        title="Orders"
        description="Sales orders: drafts, what is confirmed and reserved, what is backordered, shipped and delivered."
        actions={
          canWrite ? (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => void navigate({ to: '/dispatch/orders/new' })}
            >
              New order
            </Button>
          ) : null
        }
      />
      <PagedTable
        list={list}
        label="Orders"
        minWidth={960}
        columns={COLUMNS}
        empty={filtered ? 'No orders match these filters.' : 'No orders yet. Create the first one.'}
        noun="order"
        toolbar={
          <Group mb="md" gap="sm" align="flex-end">
            <MultiSelect
              label="Status"
              placeholder={statuses.length ? undefined : 'Any status'}
              data={ORDER_STATUS_OPTIONS}
              value={statuses}
              onChange={setStatuses}
              clearable
              w={260}
            />
            <CustomerSelect
              value={customerId}
              onChange={(id) => setCustomerId(id)}
              clearable
              placeholder="Any customer"
              w={240}
            />
            <TextInput
              label="Ordered from"
              type="date"
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              w={150}
            />
            <TextInput
              label="Ordered to"
              type="date"
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              w={150}
            />
            <Checkbox
              label="Backordered only"
              checked={backordered}
              onChange={(e) => setBackordered(e.currentTarget.checked)}
              mb={8}
            />
          </Group>
        }
        row={(order) => <OrderRow order={order} />}
      />
    </>
  );
}

function OrderRow(props: { order: Order }) {
  const { order } = props;
  const ordered = order.lines.reduce((n, l) => n + l.ordered, 0);
  const shipped = order.lines.reduce((n, l) => n + l.shipped, 0);
  return (
    <Table.Tr>
      <Table.Td>
        <RouterAnchor
          to="/dispatch/orders/$orderId"
          params={{ orderId: order.id }}
          size="sm"
          ff={order.number ? 'monospace' : undefined}
          fs={order.number ? undefined : 'italic'}
          style={{ whiteSpace: 'nowrap' }}
        >
          {orderName(order)}
        </RouterAnchor>
        {order.customerReference ? (
          <Text size="xs" c="dimmed">
            PO {order.customerReference}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <CustomerName customerId={order.customerId} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(order.orderDate)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(order.promisedShipDate)}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <OrderStatusBadge status={order.status} />
          {order.backordered ? (
            <Badge variant="outline" color="orange" radius="sm">
              Backorder
            </Badge>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">
          {shipped} / {ordered}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{order.currency ? formatMoney(order.netTotal, order.currency) : '—'}</Text>
      </Table.Td>
    </Table.Tr>
  );
}
