import { Button, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { snoozesApi } from '../../api/endpoints.js';
import { PagedTable } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { ACTIONS_COLUMN } from '../../components/TableHead.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useCursorList } from '../../lib/useCursorList.js';
import { CustomerLink } from '../invoices/CustomerSelect.js';
import { useCanWriteFollowup } from './access.js';

const COLUMNS = ['Invoice', 'Customer', 'Until', 'Reason', 'By', ACTIONS_COLUMN];

/** Invoices whose reminders someone snoozed by hand; end a snooze early from here. */
export function SnoozesPage() {
  const canWrite = useCanWriteFollowup();
  const queryClient = useQueryClient();
  const [which, setWhich] = useState('active');
  const filters = { active: which === 'active' ? ('true' as const) : null };
  const list = useCursorList(['snoozes', 'list', filters], (page) =>
    snoozesApi.list({ ...filters, ...page }),
  );
  const end = useMutation({
    mutationFn: (id: string) => snoozesApi.end(id, 'Ended early'),
    onSuccess: (s) => {
      void queryClient.invalidateQueries({ queryKey: ['snoozes'] });
      void queryClient.invalidateQueries({ queryKey: ['followup'] });
      notifications.show({
        color: 'teal',
        title: `${s.number}: snooze ended`,
        message: 'Reminders resume with the next run.',
      });
    },
  });
  return (
    <>
      <PageHeader
        title="Snoozed reminders"
        description="Invoices whose reminders are stopped by hand until a date, with the reason."
      />
      <PagedTable
        list={list}
        label="Snoozes"
        minWidth={800}
        columns={COLUMNS}
        empty={which === 'active' ? 'No invoice is snoozed.' : 'No snoozes yet.'}
        noun="snooze"
        toolbar={
          <Group mb="md">
            <SegmentedControl
              aria-label="Which snoozes"
              data={[
                { value: 'active', label: 'Active' },
                { value: 'all', label: 'All' },
              ]}
              value={which}
              onChange={setWhich}
            />
          </Group>
        }
        row={(s) => (
          <Table.Tr>
            <Table.Td>
              <RouterAnchor
                to="/receivables/invoices/$invoiceId"
                params={{ invoiceId: s.invoiceId }}
                size="sm"
              >
                {s.number}
              </RouterAnchor>
            </Table.Td>
            <Table.Td>
              <CustomerLink customerId={s.customerId} name={s.customerName} />
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {formatDate(s.until)}
              {s.endedAt ? (
                <Text size="xs" c="dimmed">
                  ended {formatDateTime(s.endedAt)}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              <Text size="sm" lineClamp={2} maw={320}>
                {s.reason}
              </Text>
            </Table.Td>
            <Table.Td>{s.createdBy ?? '—'}</Table.Td>
            <Table.Td>
              {canWrite && s.active ? (
                <Button
                  size="xs"
                  variant="subtle"
                  loading={end.isPending && end.variables === s.id}
                  onClick={() => end.mutate(s.id)}
                >
                  End now
                </Button>
              ) : null}
            </Table.Td>
          </Table.Tr>
        )}
      />
    </>
  );
}
