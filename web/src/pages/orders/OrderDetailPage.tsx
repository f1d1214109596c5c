import {
  Badge,
  Button,
  Center,
  DataList,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowLeft,
  IconCircleCheck,
  IconFileDollar,
  IconFileOff,
  IconPencil,
  IconX,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { isApiError } from '../../api/client.js';
import { ordersApi } from '../../api/endpoints.js';
import type { Address, Order } from '../../api/types.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { EmptyPanel } from '../../components/EmptyPanel.js';
import { HoldBanner } from '../../components/HoldBanner.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { formatMoney } from '../../lib/money.js';
import { useWarehouses } from '../dispatch/access.js';
import { DelayBadge } from '../dispatch/shipments/DelayBadge.js';
import { useCanInvoiceOrders, useCanSeeReceivables, useCanWriteOrders } from './access.js';
import { OrderStatusBadge } from './badges.js';
import { CustomerName } from './CustomerName.js';
import { InvoiceOrderModal } from './InvoiceOrderModal.js';
import { OrderEditor } from './OrderEditor.js';
import { OrderShipments } from './OrderShipments.js';

export function BackToOrders() {
  return (
    <RouterAnchor
      to="/dispatch/orders"
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ alignItems: 'center', gap: 4 }}
    >
      <IconArrowLeft size={14} /> Orders
    </RouterAnchor>
  );
}

function Panel(props: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" aria-label={props.title}>
      <Group justify="space-between" mb="xs">
        <Title order={5}>{props.title}</Title>
        {props.actions}
      </Group>
      {props.children}
    </Paper>
  );
}

function Item(props: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{props.label}</DataList.ItemLabel>
      <DataList.ItemValue>{props.children}</DataList.ItemValue>
    </DataList.Item>
  );
}

export function formatAddress(a: Address): string {
  return [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country]
    .filter(Boolean)
    .join(', ');
}

export function orderQuery(id: string) {
  return { queryKey: ['orders', 'detail', id], queryFn: () => ordersApi.get(id) };
}

export function OrderDetailPage(props: { orderId: string }) {
  const query = useQuery(orderQuery(props.orderId));
  if (query.isPending)
    return (
      <Center py="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (query.isError)
    return (
      <>
        <BackToOrders />
        {isApiError(query.error, 404) ? (
          <EmptyPanel
            icon={<IconFileOff size={28} />}
            title="Order not found"
            description="There is no order with this id."
            role="alert"
          />
        ) : (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        )}
      </>
    );
  return <OrderView order={query.data} />;
}

type Dialog = 'confirm' | 'cancel' | 'invoice' | null;

function OrderView(props: { order: Order }) {
  const { order } = props;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const canWrite = useCanWriteOrders();
  const canInvoice = useCanInvoiceOrders();
  const canSeeInvoices = useCanSeeReceivables();
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);

  const onChanged = (changed: Order) => {
    queryClient.setQueryData(['orders', 'detail', changed.id], changed);
    void queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['stock'] });
  };
  const confirm = useMutation({
    mutationFn: () => ordersApi.confirm(order.id),
    onSuccess: (confirmed) => {
      onChanged(confirmed);
      const short = confirmed.lines.reduce((n, l) => n + l.backordered, 0);
      notifications.show({
        color: short > 0 ? 'orange' : 'teal',
        title: `Order ${confirmed.number} confirmed`,
        message:
          short > 0
            ? `Stock reserved; ${short} ${short === 1 ? 'unit is' : 'units are'} backordered.`
            : 'Stock reserved for every line.',
      });
      close();
    },
  });
  const cancel = useMutation({
    mutationFn: () => ordersApi.cancel(order.id),
    onSuccess: (cancelled) => {
      onChanged(cancelled);
      notifications.show({
        color: 'teal',
        title: 'Order cancelled',
        message: 'Its reservations are released.',
      });
      close();
    },
  });
  function close() {
    setDialog(null);
    confirm.reset();
    cancel.reset();
  }

  const isDraft = order.status === 'draft';
  const cancellable = order.status === 'draft' || order.status === 'confirmed';
  const invoiceable = !order.invoiceId && !isDraft && order.status !== 'cancelled' && order.lines.length > 0;
  const m = (minor: number) => (order.currency ? formatMoney(minor, order.currency) : '—');

  return (
    <>
      <BackToOrders />
      <PageHeader
        title={isDraft ? 'Draft order' : `Order ${order.number}`}
        description={
          <Group gap="xs" component="span">
            <OrderStatusBadge status={order.status} />
            {isDraft ? null : <DelayBadge entityType="order" id={order.id} />}
            {order.backordered ? (
              <Badge variant="outline" color="orange" radius="sm">
                Backorder
              </Badge>
            ) : null}
            <CustomerName customerId={order.customerId} />
            <Text span size="sm">
              · {m(order.netTotal)} net
            </Text>
          </Group>
        }
        actions={
          <>
            {canWrite && isDraft && !editing ? (
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => setEditing(true)}
              >
                Edit
              </Button>
            ) : null}
            {canWrite && cancellable ? (
              <Button
                variant="default"
                color="red"
                leftSection={<IconX size={16} />}
                onClick={() => setDialog('cancel')}
              >
                Cancel order
              </Button>
            ) : null}
            {canInvoice && invoiceable ? (
              <Button
                variant="default"
                leftSection={<IconFileDollar size={16} />}
                onClick={() => setDialog('invoice')}
              >
                Create invoice
              </Button>
            ) : null}
            {canWrite && isDraft ? (
              <Button
                leftSection={<IconCircleCheck size={16} />}
                disabled={editing || order.lines.length === 0}
                title={editing ? 'Save the draft first' : undefined}
                onClick={() => setDialog('confirm')}
              >
                Confirm
              </Button>
            ) : null}
          </>
        }
      />
      {order.status !== 'cancelled' && order.status !== 'closed' ? (
        <HoldBanner customerId={order.customerId} context="order" />
      ) : null}
      {editing ? (
        <OrderEditor
          key={order.updatedAt}
          order={order}
          onSaved={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <Stack>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Panel title="Summary">
                <DataList size="sm" labelWidth={170}>
                  <Item label="Customer">
                    <CustomerName customerId={order.customerId} />
                  </Item>
                  <Item label="Order date">{formatDate(order.orderDate)}</Item>
                  {order.customerReference ? (
                    <Item label="Customer reference">{order.customerReference}</Item>
                  ) : null}
                  <Item label="Requested delivery">{formatDate(order.requestedDeliveryDate)}</Item>
                  <Item label="Promised ship date">{formatDate(order.promisedShipDate)}</Item>
                  <Item label="Incoterm">
                    {order.incoterm
                      ? `${order.incoterm}${order.incotermPlace ? ` ${order.incotermPlace}` : ''}`
                      : '—'}
                  </Item>
                  <Item label="Invoice">
                    {order.invoiceId ? (
                      canSeeInvoices ? (
                        <RouterAnchor
                          to="/receivables/invoices/$invoiceId"
                          params={{ invoiceId: order.invoiceId }}
                          size="sm"
                        >
                          Open the invoice
                        </RouterAnchor>
                      ) : (
                        'Invoiced'
                      )
                    ) : (
                      'Not invoiced'
                    )}
                  </Item>
                  {order.notes ? <Item label="Notes">{order.notes}</Item> : null}
                </DataList>
              </Panel>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Panel title="Shipping">
                <DataList size="sm" labelWidth={170}>
                  <Item label="Ship to">{formatAddress(order.shippingAddress)}</Item>
                  {order.confirmedAt ? (
                    <Item label="Confirmed">{formatDateTime(order.confirmedAt)}</Item>
                  ) : null}
                  {order.firstShippedAt ? (
                    <Item label="First shipment">{formatDateTime(order.firstShippedAt)}</Item>
                  ) : null}
                  {order.shippedAt ? <Item label="Shipped">{formatDateTime(order.shippedAt)}</Item> : null}
                  {order.deliveredAt ? (
                    <Item label="Delivered">{formatDateTime(order.deliveredAt)}</Item>
                  ) : null}
                  {order.closedAt ? <Item label="Closed">{formatDateTime(order.closedAt)}</Item> : null}
                  {order.cancelledAt ? (
                    <Item label="Cancelled">{formatDateTime(order.cancelledAt)}</Item>
                  ) : null}
                </DataList>
              </Panel>
            </Grid.Col>
          </Grid>
          <LinesPanel order={order} />
          {isDraft ? null : <OrderShipments order={order} />}
        </Stack>
      )}

      <ConfirmModal
        opened={dialog === 'confirm'}
        title="Confirm order"
        message="The order gets its number and stock is reserved per line in its warehouse; what is not available is backordered."
        confirmLabel="Confirm"
        color="blue"
        loading={confirm.isPending}
        error={confirm.error}
        onConfirm={() => confirm.mutate()}
        onClose={close}
      />
      <ConfirmModal
        opened={dialog === 'cancel'}
        title="Cancel order"
        message="The order is cancelled for good and every reservation it holds is released."
        confirmLabel="Cancel order"
        loading={cancel.isPending}
        error={cancel.error}
        onConfirm={() => cancel.mutate()}
        onClose={close}
      />
      {dialog === 'invoice' ? (
        <InvoiceOrderModal
          order={order}
          onClose={() => setDialog(null)}
          onCreated={(invoiceId) => {
            if (canSeeInvoices)
              void navigate({ to: '/receivables/invoices/$invoiceId', params: { invoiceId } });
          }}
        />
      ) : null}
    </>
  );
}

function LinesPanel(props: { order: Order }) {
  const { order } = props;
  const warehouses = useWarehouses();
  return (
    <Panel title="Lines">
      <Table.ScrollContainer minWidth={900}>
        <Table aria-label="Lines" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>SKU</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th>Warehouse</Table.Th>
              <Table.Th ta="right">Ordered</Table.Th>
              <Table.Th ta="right">Reserved</Table.Th>
              <Table.Th ta="right">Shipped</Table.Th>
              <Table.Th ta="right">Backordered</Table.Th>
              <Table.Th ta="right">Unit price</Table.Th>
              <Table.Th ta="right">Total</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.lines.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={9} ta="center" c="dimmed">
                  No lines yet.
                </Table.Td>
              </Table.Tr>
            ) : (
              order.lines.map((line) => (
                <Table.Tr key={line.id}>
                  <Table.Td ff="monospace">{line.sku}</Table.Td>
                  <Table.Td>{line.description}</Table.Td>
                  <Table.Td>{warehouses.codeOf(line.warehouseId)}</Table.Td>
                  <Table.Td ta="right" data-column="ordered">
                    {line.ordered} {line.unit}
                  </Table.Td>
                  <Table.Td ta="right" data-column="reserved">
                    {line.reserved}
                  </Table.Td>
                  <Table.Td ta="right" data-column="shipped">
                    {line.shipped}
                  </Table.Td>
                  <Table.Td
                    ta="right"
                    data-column="backordered"
                    c={line.backordered > 0 ? 'orange' : undefined}
                  >
                    {line.backordered}
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatMoney(line.unitPrice.amount, line.unitPrice.currency)}
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatMoney(line.lineTotal.amount, line.lineTotal.currency)}
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Panel>
  );
}
