import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport, IconLink } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { trackingApi } from '../../../api/endpoints.js';
import type { Unmatched, UnmatchedState } from '../../../api/types.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { QueryError } from '../../../components/QueryError.js';
import { RouterAnchor } from '../../../components/RouterAnchor.js';
import { TableHead } from '../../../components/TableHead.js';
import { TableStatus } from '../../../components/TableStatus.js';
import { actionErrorMessage } from '../../../lib/errorMessage.js';
import { fieldErrors } from '../../../lib/fieldErrors.js';
import { formatDateTime } from '../../../lib/format.js';
import { useCarriers } from '../carriers/access.js';
import { useCanWriteTracking } from '../shipments/access.js';
import { ShipmentSelect } from './ShipmentSelect.js';
import { humanize, TrackingStatusBadge } from './statuses.js';
import { TrackingImportModal } from './TrackingImportModal.js';

const STATES: { value: UnmatchedState; label: string }[] = [
  { value: 'open', label: 'To review' },
  { value: 'resolved', label: 'Linked' },
  { value: 'dismissed', label: 'Dismissed' },
];

/**
 * Tracking updates whose number matched no shipment (a typo, a number entered late, another
 * company's parcel): link each number to its shipment — its events are then applied there — or dismiss
 * it with a reason. Also the way in to the CSV import of tracking events.
 */
export function UnmatchedPage() {
  const canWrite = useCanWriteTracking();
  const carriers = useCarriers();
  const [state, setState] = useState<UnmatchedState>('open');
  const [open, setOpen] = useState<Unmatched | null>(null);
  const [importing, setImporting] = useState(false);
  const query = useQuery({
    queryKey: ['tracking', 'unmatched', state],
    queryFn: () => trackingApi.unmatched({ state, limit: 1000 }),
  });
  const items = query.data?.items ?? [];
  const columns = [
    'Carrier',
    'Tracking number',
    { label: 'Events', ta: 'right' as const },
    'Last event',
    'Received',
  ];

  return (
    <>
      <PageHeader
        title="Tracking review"
        description="Carrier updates whose tracking number matched no shipment are kept here, not lost: link each to its shipment or dismiss it."
        actions={
          canWrite ? (
            <Button
              variant="default"
              leftSection={<IconFileImport size={16} />}
              onClick={() => setImporting(true)}
            >
              Import tracking CSV
            </Button>
          ) : null
        }
      />
      <Paper withBorder radius="md" p="md">
        <Group mb="md">
          <SegmentedControl
            aria-label="State"
            size="xs"
            value={state}
            onChange={(v) => setState(STATES.find((s) => s.value === v)?.value ?? 'open')}
            data={STATES}
          />
        </Group>
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label="Unmatched tracking numbers" highlightOnHover>
              <TableHead columns={columns} />
              <Table.Tbody>
                {items.length === 0 ? (
                  <TableStatus
                    colSpan={columns.length}
                    loading={query.isPending}
                    empty={state === 'open' ? 'Nothing to review: every update matched a shipment.' : 'None.'}
                  />
                ) : (
                  items.map((u) => (
                    <Table.Tr key={u.id} style={{ cursor: 'pointer' }} onClick={() => setOpen(u)}>
                      <Table.Td>
                        <Text size="sm">{u.carrierCode ?? carriers.nameOf(u.carrierId)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          ff="monospace"
                          onClick={(e) => {
                            e.stopPropagation();
                            setOpen(u);
                          }}
                        >
                          {u.trackingNumber}
                        </Button>
                      </Table.Td>
                      <Table.Td ta="right">{u.events}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDateTime(u.lastOccurredAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDateTime(u.lastReceivedAt)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="xl"
        title={open ? `Tracking number ${open.trackingNumber}` : ''}
      >
        {open ? <UnmatchedDetail item={open} canWrite={canWrite} onDone={() => setOpen(null)} /> : null}
      </Drawer>
      <TrackingImportModal opened={importing} onClose={() => setImporting(false)} />
    </>
  );
}

function UnmatchedDetail(props: { item: Unmatched; canWrite: boolean; onDone: () => void }) {
  const { item } = props;
  const queryClient = useQueryClient();
  const [shipmentId, setShipmentId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const detail = useQuery({
    queryKey: ['tracking', 'unmatched', 'detail', item.id],
    queryFn: () => trackingApi.unmatchedDetail(item.id),
  });
  const done = (title: string, message: string) => {
    void queryClient.invalidateQueries({ queryKey: ['tracking'] });
    void queryClient.invalidateQueries({ queryKey: ['shipments'] });
    notifications.show({ color: 'teal', title, message });
    props.onDone();
  };
  const resolve = useMutation({
    mutationFn: () => trackingApi.resolve(item.id, shipmentId ?? ''),
    onSuccess: (r) =>
      done(
        'Linked to the shipment',
        `${r.applied} of ${r.received} events applied (${r.duplicates} duplicates).`,
      ),
  });
  const dismiss = useMutation({
    mutationFn: () => trackingApi.dismiss(item.id, reason),
    onSuccess: () => done('Dismissed', `${item.trackingNumber} is closed without applying its events.`),
  });

  if (detail.isPending) return <Loader size="sm" aria-label="Loading" />;
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  const d = detail.data;
  return (
    <Stack>
      <Group gap="xs">
        <Badge variant="light">{d.state}</Badge>
        {d.shipmentId ? (
          <RouterAnchor to="/dispatch/shipments/$shipmentId" params={{ shipmentId: d.shipmentId }} size="sm">
            Open the linked shipment
          </RouterAnchor>
        ) : null}
        {d.note ? (
          <Text size="sm" c="dimmed">
            {d.note}
          </Text>
        ) : null}
      </Group>
      <Table fz="sm" aria-label="Unmatched events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Carrier code and text</Table.Th>
            <Table.Th>Location</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{formatDateTime(e.occurredAt)}</Table.Td>
              <Table.Td>
                <TrackingStatusBadge status={e.status} />
                {e.substatus ? (
                  <Text size="xs" c="dimmed">
                    {humanize(e.substatus)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {e.rawCode}
                </Text>
                <Text size="xs">{e.rawText}</Text>
              </Table.Td>
              <Table.Td>{e.location ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {props.canWrite && d.state === 'open' ? (
        <>
          <Paper withBorder p="sm" radius="md">
            <Title order={6} mb="xs">
              Link to a shipment
            </Title>
            {resolve.error ? (
              <Alert color="red" role="alert" mb="xs">
                {actionErrorMessage(resolve.error)}
              </Alert>
            ) : null}
            <Group align="flex-end">
              <div style={{ flex: 1 }}>
                <ShipmentSelect
                  label="Shipment"
                  value={shipmentId}
                  onChange={setShipmentId}
                  carrierId={d.carrierId}
                  error={fieldErrors(resolve.error).shipmentId}
                />
              </div>
              <Button
                leftSection={<IconLink size={16} />}
                disabled={!shipmentId}
                loading={resolve.isPending}
                onClick={() => resolve.mutate()}
              >
                Link and apply
              </Button>
            </Group>
          </Paper>
          <Paper withBorder p="sm" radius="md">
            <Title order={6} mb="xs">
              Dismiss
            </Title>
            {dismiss.error ? (
              <Alert color="red" role="alert" mb="xs">
                {actionErrorMessage(dismiss.error)}
              </Alert>
            ) : null}
            <Textarea
              label="Reason"
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fieldErrors(dismiss.error).reason}
            />
            <Group justify="flex-end" mt="xs">
              <Button
                variant="default"
                color="red"
                loading={dismiss.isPending}
                onClick={() => dismiss.mutate()}
              >
                Dismiss
              </Button>
            </Group>
          </Paper>
        </>
      ) : null}
    </Stack>
  );
}
