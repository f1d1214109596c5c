import { Badge, Button, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { promisesApi } from '../../api/endpoints.js';
import { PROMISE_STATUSES, type PromiseStatus, type PromiseToPay } from '../../api/types.js';
import { PagedTable } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { ACTIONS_COLUMN } from '../../components/TableHead.js';
import { formatDate, titleCase } from '../../lib/format.js';
import { formatMoney } from '../../lib/money.js';
import { useCursorList } from '../../lib/useCursorList.js';
import { CustomerLink, CustomerSelect } from '../invoices/CustomerSelect.js';
import { CHANNEL_LABELS, PROMISE_STATUS_COLORS, useCanWriteFollowup } from './access.js';
import { RecordPromiseModal } from './RecordPromiseModal.js';

const COLUMNS = [
  'Promised by',
  'Customer',
  'Invoices',
  'Who',
  { label: 'Amount', ta: 'right' as const },
  { label: 'Paid', ta: 'right' as const },
  'Status',
  ACTIONS_COLUMN,
];

export function PromiseStatusBadge(props: { status: PromiseStatus }) {
  return (
    <Badge
      variant="light"
      radius="sm"
      color={PROMISE_STATUS_COLORS[props.status]}
      aria-label={`Promise ${props.status}`}
    >
      {props.status}
    </Badge>
  );
}

/** Promises to pay: open ones first to watch, kept and broken ones for the record. */
export function PromisesPage() {
  const canWrite = useCanWriteFollowup();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string>('open');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const filters = {
    status: PROMISE_STATUSES.find((s) => s === status) ?? null,
    customerId,
  };
  const list = useCursorList(['promises', 'list', filters], (page) =>
    promisesApi.list({ ...filters, ...page }),
  );
  const cancel = useMutation({
    mutationFn: (p: PromiseToPay) => promisesApi.cancel(p.id, 'Cancelled from the promises list'),
    onSuccess: (p) => {
      void queryClient.invalidateQueries({ queryKey: ['promises'] });
      void queryClient.invalidateQueries({ queryKey: ['followup'] });
      notifications.show({
        color: 'teal',
        title: 'Promise cancelled',
        message: 'Reminders of its invoices resume.',
      });
      void p;
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not cancelled', message: String((error as Error).message) }),
  });

  return (
    <>
      <PageHeader
        title="Promises to pay"
        description="Who promised to pay what by when. Reminders of the invoices pause until the date; a promise not kept raises a task and reminders resume."
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setRecording(true)}>
              Record promise
            </Button>
          ) : null
        }
      />
      <PagedTable
        list={list}
        label="Promises to pay"
        minWidth={950}
        columns={COLUMNS}
        empty={status === 'open' ? 'No open promises.' : 'No promises match these filters.'}
        noun="promise"
        toolbar={
          <Group mb="md" gap="sm" align="flex-end">
            <SegmentedControl
              aria-label="Status"
              data={[
                ...PROMISE_STATUSES.map((s) => ({ value: s, label: titleCase(s) })),
                { value: 'all', label: 'All' },
              ]}
              value={status}
              onChange={setStatus}
            />
            <CustomerSelect
              value={customerId}
              onChange={(id) => setCustomerId(id)}
              clearable
              placeholder="Any customer"
              w={260}
            />
          </Group>
        }
        row={(p) => (
          <Table.Tr>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(p.promisedDate)}</Table.Td>
            <Table.Td>
              <CustomerLink customerId={p.customerId} name={p.customerName} />
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {p.invoices.map((i) => (
                  <RouterAnchor
                    key={i.invoiceId}
                    to="/receivables/invoices/$invoiceId"
                    params={{ invoiceId: i.invoiceId }}
                    size="sm"
                  >
                    {i.number}
                  </RouterAnchor>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{p.contactName}</Text>
              <Text size="xs" c="dimmed">
                {CHANNEL_LABELS[p.channel]}
              </Text>
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {formatMoney(p.amount, p.currency)}
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {p.paidAmount > 0 ? formatMoney(p.paidAmount, p.currency) : '—'}
            </Table.Td>
            <Table.Td>
              <PromiseStatusBadge status={p.status} />
            </Table.Td>
            <Table.Td>
              {canWrite && p.status === 'open' ? (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  loading={cancel.isPending && cancel.variables?.id === p.id}
                  onClick={() => cancel.mutate(p)}
                >
                  Cancel
                </Button>
              ) : null}
            </Table.Td>
          </Table.Tr>
        )}
      />
      {recording ? <RecordPromiseModal onClose={() => setRecording(false)} /> : null}
    </>
  );
}
