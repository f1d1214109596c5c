import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ordersApi } from '../../api/endpoints.js';
import { INCOTERMS, type Order } from '../../api/types.js';
import { formError } from '../../lib/fieldErrors.js';
import { AddressFields } from '../customers/AddressFields.js';
import { pathErrors } from '../customers/formErrors.js';
import { useWarehouses } from '../dispatch/access.js';
import { ProductSelect } from '../dispatch/stock/ProductSelect.js';
import { CustomerSelect } from '../invoices/CustomerSelect.js';
import {
  below,
  type LineDraft,
  newLine,
  type OrderDraft,
  orderDraft,
  orderInput,
  sentLines,
} from './orderDraft.js';

const FIELDS = [
  'customerId',
  'customerReference',
  'shippingAddress',
  'requestedDeliveryDate',
  'promisedShipDate',
  'incoterm',
  'incotermPlace',
  'notes',
  'lines',
];

const INCOTERM_OPTIONS = INCOTERMS.map((code) => ({ value: code, label: code }));

/**
 * The form of a draft order: customer, references, shipping address, dates, incoterm, notes and
 * product lines. Without `order` it creates the draft and opens it; with one it saves the changes.
 * The server names each faulty field (`lines.2.quantity`, `shippingAddress.city`), shown in place.
 */
export function OrderEditor(props: {
  order: Order | null;
  initialCustomerId?: string | undefined;
  onSaved?: (order: Order) => void;
  onCancel?: () => void;
}) {
  const { order } = props;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const warehouses = useWarehouses();
  const [draft, setDraft] = useState<OrderDraft>(() => orderDraft(order, props.initialCustomerId));
  const set = <K extends keyof OrderDraft>(key: K, value: OrderDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const setLine = (key: number, change: Partial<LineDraft>) =>
    setDraft((d) => ({ ...d, lines: d.lines.map((l) => (l.key === key ? { ...l, ...change } : l)) }));
  const defaultWarehouse = warehouses.items.length === 1 ? (warehouses.items[0]?.id ?? null) : null;

  const save = useMutation({
    mutationFn: () => {
      const input = orderInput({
        ...draft,
        lines: draft.lines.map((l) => ({ ...l, warehouseId: l.warehouseId ?? defaultWarehouse })),
      });
      return order ? ordersApi.update(order.id, input) : ordersApi.create(input);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(['orders', 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
      notifications.show({
        color: 'teal',
        title: order ? 'Draft saved' : 'Draft order created',
        message: `${saved.lines.length} ${saved.lines.length === 1 ? 'line' : 'lines'}.`,
      });
      if (order) props.onSaved?.(saved);
      else void navigate({ to: '/dispatch/orders/$orderId', params: { orderId: saved.id } });
    },
  });

  const errors = pathErrors(save.error);
  const lineErrors = new Map<number, Record<string, string>>();
  sentLines(draft).forEach((line, i) => {
    lineErrors.set(line.key, below(errors, `lines.${i}`));
  });
  const addressErrors = below(errors, 'shippingAddress');

  return (
    <form
      aria-label="Order editor"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        {save.error ? (
          <Alert color="red" role="alert">
            {formError(save.error, FIELDS)}
          </Alert>
        ) : null}
        <Paper withBorder radius="md" p="md">
          <Grid gap="xs">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <CustomerSelect
                value={draft.customerId}
                onChange={(id) => set('customerId', id)}
                required
                error={errors.customerId}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <TextInput
                label="Customer reference"
                description="The customer's purchase order number"
                value={draft.customerReference}
                onChange={(e) => set('customerReference', e.currentTarget.value)}
                error={errors.customerReference}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
              <TextInput
                label="Requested delivery date"
                type="date"
                value={draft.requestedDeliveryDate}
                onChange={(e) => set('requestedDeliveryDate', e.currentTarget.value)}
                error={errors.requestedDeliveryDate}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
              <TextInput
                label="Promised ship date"
                type="date"
                value={draft.promisedShipDate}
                onChange={(e) => set('promisedShipDate', e.currentTarget.value)}
                error={errors.promisedShipDate}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4, md: 2 }}>
              <Select
                label="Incoterm"
                placeholder="None"
                data={INCOTERM_OPTIONS}
                value={draft.incoterm}
                onChange={(v) => set('incoterm', v)}
                clearable
                error={errors.incoterm}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8, md: 4 }}>
              <TextInput
                label="Incoterm place"
                description='e.g. "Lyon warehouse"'
                value={draft.incotermPlace}
                onChange={(e) => set('incotermPlace', e.currentTarget.value)}
                error={errors.incotermPlace}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea
                label="Notes"
                autosize
                minRows={2}
                value={draft.notes}
                onChange={(e) => set('notes', e.currentTarget.value)}
                error={errors.notes}
              />
            </Grid.Col>
          </Grid>
        </Paper>

        <Paper withBorder radius="md" p="md">
          <Title order={5} mb="xs">
            Shipping address
          </Title>
          <Checkbox
            mb="sm"
            label="Ship to the customer's address (its shipping address, else its billing address)"
            checked={draft.useCustomerAddress}
            onChange={(e) => set('useCustomerAddress', e.currentTarget.checked)}
          />
          {draft.useCustomerAddress ? (
            addressErrors[''] ? (
              <Alert color="red">{addressErrors['']}</Alert>
            ) : null
          ) : (
            <AddressFields
              label="Shipping"
              value={draft.address}
              onChange={(address) => set('address', address)}
              errors={addressErrors}
              required
            />
          )}
        </Paper>

        <Paper withBorder radius="md" p="md">
          <Title order={5} mb="xs">
            Lines
          </Title>
          {errors.lines ? (
            <Alert color="red" mb="xs">
              {errors.lines}
            </Alert>
          ) : null}
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="Order lines" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>#</Table.Th>
                  <Table.Th>Product</Table.Th>
                  <Table.Th w={230}>Warehouse</Table.Th>
                  <Table.Th w={130}>Quantity</Table.Th>
                  <Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {draft.lines.map((line, i) => {
                  const e = lineErrors.get(line.key) ?? {};
                  const n = i + 1;
                  return (
                    <Table.Tr key={line.key} style={{ verticalAlign: 'top' }}>
                      <Table.Td pt={12}>{n}</Table.Td>
                      <Table.Td>
                        <ProductSelect
                          label={`Line ${n} product`}
                          value={line.product}
                          onChange={(product) => setLine(line.key, { product })}
                          error={e.productId ?? e.sku ?? e['']}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Select
                          label={`Line ${n} warehouse`}
                          placeholder="Ship from"
                          data={warehouses.options}
                          value={line.warehouseId ?? defaultWarehouse}
                          onChange={(warehouseId) => setLine(line.key, { warehouseId })}
                          error={e.warehouseId}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          label={`Line ${n} quantity`}
                          inputMode="numeric"
                          value={line.quantity}
                          onChange={(ev) => setLine(line.key, { quantity: ev.currentTarget.value })}
                          error={e.quantity}
                        />
                      </Table.Td>
                      <Table.Td pt={30}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remove line ${n}`}
                          onClick={() =>
                            set(
                              'lines',
                              draft.lines.filter((l) => l.key !== line.key),
                            )
                          }
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Button
            mt="xs"
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => set('lines', [...draft.lines, newLine(defaultWarehouse)])}
          >
            Add line
          </Button>
        </Paper>

        <Group justify="flex-end">
          {props.onCancel ? (
            <Button variant="default" onClick={props.onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={save.isPending} leftSection={<IconDeviceFloppy size={16} />}>
            {order ? 'Save draft' : 'Create draft'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
