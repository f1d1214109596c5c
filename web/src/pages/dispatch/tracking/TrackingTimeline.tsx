import {
  Alert,
  Badge,
  Button,
  DataList,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconClock,
  IconFlag,
  IconPlus,
  IconTruck,
  IconTruckDelivery,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { trackingApi } from '../../../api/endpoints.js';
import type { Shipment, TrackingEvent, TrackingStatus } from '../../../api/types.js';
import { QueryError } from '../../../components/QueryError.js';
import { formatDate, formatDateTime } from '../../../lib/format.js';
import { ManualEventModal } from './ManualEventModal.js';
import { humanize, TRACKING_STATUS_LABELS, TrackingStatusBadge } from './statuses.js';

export const trackingQuery = (shipmentId: string) => ({
  queryKey: ['tracking', 'shipment', shipmentId],
  queryFn: () => trackingApi.ofShipment(shipmentId),
});

const SOURCE_LABELS: Record<TrackingEvent['source'], string> = {
  webhook: 'carrier webhook',
  csv: 'CSV import',
  manual: 'entered by hand',
  unmatched: 'linked from review',
};

function bullet(status: TrackingStatus): ReactNode {
  if (status === 'delivered') return <IconCircleCheck size={14} />;
  if (status === 'exception' || status === 'attempt_fail') return <IconAlertTriangle size={14} />;
  if (status === 'out_for_delivery') return <IconTruckDelivery size={14} />;
  if (status === 'in_transit') return <IconTruck size={14} />;
  return <IconClock size={14} />;
}

/** An ETA is a business date or an instant. */
const formatEta = (eta: string | null) =>
  eta && /^\d{4}-\d{2}-\d{2}$/.test(eta) ? formatDate(eta) : formatDateTime(eta);

/**
 * A shipment's carrier tracking: the current state (status, substatus, reason, ETA), the timeline of
 * normalised events, newest first, each with the carrier's raw code and text, and the customer updates.
 */
export function TrackingPanel(props: { shipment: Shipment; canWrite: boolean }) {
  const { shipment } = props;
  const query = useQuery(trackingQuery(shipment.id));
  const [adding, setAdding] = useState(false);
  const hasNumbers = shipment.trackingNumbers.length > 0;

  return (
    <Paper withBorder radius="md" p="md" aria-label="Tracking">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Tracking</Title>
        {props.canWrite && hasNumbers ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={14} />}
            onClick={() => setAdding(true)}
          >
            Add tracking event
          </Button>
        ) : null}
      </Group>
      {query.isPending ? (
        <Loader size="sm" aria-label="Loading tracking" />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack>
          <DataList size="sm" labelWidth={150} aria-label="Tracking state">
            <DataList.Item>
              <DataList.ItemLabel>Current status</DataList.ItemLabel>
              <DataList.ItemValue>
                <Group gap={6}>
                  <TrackingStatusBadge status={query.data.state.status} variant="filled" />
                  {query.data.state.substatus ? (
                    <Text size="sm">{humanize(query.data.state.substatus)}</Text>
                  ) : null}
                  {query.data.state.flagged ? (
                    <Badge color="orange" variant="outline" leftSection={<IconFlag size={12} />}>
                      {query.data.state.flaggedEvents} to review
                    </Badge>
                  ) : null}
                </Group>
              </DataList.ItemValue>
            </DataList.Item>
            {query.data.state.reason ? (
              <DataList.Item>
                <DataList.ItemLabel>Reason</DataList.ItemLabel>
                <DataList.ItemValue>{query.data.state.reason}</DataList.ItemValue>
              </DataList.Item>
            ) : null}
            <DataList.Item>
              <DataList.ItemLabel>Expected delivery</DataList.ItemLabel>
              <DataList.ItemValue>{formatEta(query.data.state.eta)}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>Last event</DataList.ItemLabel>
              <DataList.ItemValue>{formatDateTime(query.data.state.lastEventAt)}</DataList.ItemValue>
            </DataList.Item>
            {query.data.state.deliveredAt ? (
              <DataList.Item>
                <DataList.ItemLabel>Delivered</DataList.ItemLabel>
                <DataList.ItemValue>{formatDateTime(query.data.state.deliveredAt)}</DataList.ItemValue>
              </DataList.Item>
            ) : null}
          </DataList>

          {query.data.events.length === 0 ? (
            <Text size="sm" c="dimmed">
              {hasNumbers
                ? 'No tracking event yet. Updates arrive from the carrier’s webhook, a CSV import or by hand.'
                : 'Tracking starts once the shipment ships with a tracking number.'}
            </Text>
          ) : (
            <Timeline
              active={query.data.events.length}
              bulletSize={24}
              lineWidth={2}
              aria-label="Tracking timeline"
            >
              {[...query.data.events].reverse().map((e) => (
                <Timeline.Item
                  key={e.id}
                  bullet={bullet(e.status)}
                  color={TRACKING_STATUS_LABELS[e.status].color}
                  title={
                    <Group gap={6}>
                      <Text size="sm" fw={600}>
                        {TRACKING_STATUS_LABELS[e.status].label}
                      </Text>
                      {e.substatus ? (
                        <Text size="sm" c="dimmed">
                          {humanize(e.substatus)}
                        </Text>
                      ) : null}
                      {e.flagged ? (
                        <Badge color="orange" variant="outline" size="xs">
                          unknown carrier code
                        </Badge>
                      ) : null}
                    </Group>
                  }
                  data-testid="tracking-event"
                >
                  {e.reason ? <Text size="sm">{e.reason}</Text> : null}
                  <Text size="xs" c="dimmed">
                    {formatDateTime(e.occurredAt)}
                    {e.location ? ` · ${e.location}` : ''} · {SOURCE_LABELS[e.source]}
                    {e.eta ? ` · ETA ${formatEta(e.eta)}` : ''}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Carrier:{' '}
                    <Text span ff="monospace" size="xs">
                      {e.rawCode}
                    </Text>
                    {e.rawText ? ` — ${e.rawText}` : ''} · {e.trackingNumber}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )}

          {query.data.notifications.length > 0 ? (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Customer updates
              </Text>
              <Table fz="sm" aria-label="Customer updates">
                <Table.Tbody>
                  {query.data.notifications.map((n) => (
                    <Table.Tr key={n.key}>
                      <Table.Td>
                        {humanize(n.status)}
                        {n.substatus ? ` / ${humanize(n.substatus)}` : ''}
                      </Table.Td>
                      <Table.Td>
                        <Text
                          size="sm"
                          c={n.outcome === 'queued' ? 'teal.8' : 'dimmed'}
                          style={{ whiteSpace: 'nowrap' }}
                        >
                          {n.outcome === 'queued'
                            ? 'emailed'
                            : n.outcome === 'pending'
                              ? 'to be emailed'
                              : humanize(n.outcome)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{formatDateTime(n.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          ) : null}
          {query.data.state.flagged ? (
            <Alert color="orange" variant="light" icon={<IconFlag size={16} />}>
              Some events carried a carrier code Duely does not know. They are kept with the carrier’s raw
              code and text and shown as exceptions; no customer was emailed for them.
            </Alert>
          ) : null}
        </Stack>
      )}
      {adding ? <ManualEventModal shipment={shipment} onClose={() => setAdding(false)} /> : null}
    </Paper>
  );
}
