import {
  Alert,
  Anchor,
  Badge,
  Button,
  Collapse,
  Group,
  MultiSelect,
  Paper,
  Text,
  Timeline,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconBan,
  IconCash,
  IconDownload,
  IconHandStop,
  IconMail,
  IconMessage,
  IconNote,
  IconPhone,
  IconPlayerPause,
  IconPlus,
  IconReceipt,
  IconTruck,
} from '@tabler/icons-react';
import { useState } from 'react';
import { timelineApi } from '../../api/endpoints.js';
import type { TimelineEntry, TimelineKind } from '../../api/types.js';
import { ListFooter } from '../../components/ListFooter.js';
import { QueryError } from '../../components/QueryError.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formatDateTime } from '../../lib/format.js';
import { formatMoney } from '../../lib/money.js';
import { useCursorList } from '../../lib/useCursorList.js';
import { useCanLogNotes, useCanWriteFollowup } from '../followup/access.js';
import { CustomerFollowupSettings } from '../followup/CustomerFollowupSettings.js';
import { LogNoteModal } from '../followup/LogNoteModal.js';
import { RecordPromiseModal } from '../followup/RecordPromiseModal.js';

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  reminder: 'Reminders',
  fee: 'Late fees',
  interest: 'Interest',
  task: 'Tasks',
  call: 'Calls',
  note: 'Notes',
  promise_made: 'Promises made',
  promise_kept: 'Promises kept',
  promise_broken: 'Promises broken',
  promise_cancelled: 'Promises cancelled',
  snooze_started: 'Snoozes',
  snooze_ended: 'Snoozes ended',
  dispute: 'Disputes',
  hold_placed: 'Holds placed',
  hold_released: 'Holds released',
  shipment: 'Shipments',
  tracking: 'Tracking updates',
};

const KIND_OPTIONS = Object.entries(TIMELINE_KIND_LABELS).map(([value, label]) => ({ value, label }));

function iconOf(kind: TimelineKind) {
  const size = 14;
  switch (kind) {
    case 'reminder':
      return <IconMail size={size} />;
    case 'fee':
    case 'interest':
      return <IconReceipt size={size} />;
    case 'call':
      return <IconPhone size={size} />;
    case 'note':
    case 'task':
      return <IconNote size={size} />;
    case 'promise_made':
    case 'promise_kept':
    case 'promise_cancelled':
      return <IconCash size={size} />;
    case 'promise_broken':
      return <IconAlertTriangle size={size} />;
    case 'snooze_started':
    case 'snooze_ended':
      return <IconPlayerPause size={size} />;
    case 'dispute':
      return <IconMessage size={size} />;
    case 'hold_placed':
    case 'hold_released':
      return kind === 'hold_placed' ? <IconHandStop size={size} /> : <IconBan size={size} />;
    case 'shipment':
    case 'tracking':
      return <IconTruck size={size} />;
  }
}

const colorOf = (kind: TimelineKind) =>
  kind === 'promise_broken' || kind === 'hold_placed' || kind === 'dispute'
    ? 'red'
    : kind === 'promise_kept' || kind === 'hold_released'
      ? 'teal'
      : kind === 'reminder' || kind === 'fee' || kind === 'interest'
        ? 'orange'
        : 'blue';

function EntryBody(props: { entry: TimelineEntry }) {
  const { entry } = props;
  const [open, setOpen] = useState(false);
  return (
    <>
      <Group gap="xs" wrap="wrap">
        <Text size="xs" c="dimmed">
          {formatDateTime(entry.at)}
          {entry.by ? ` · ${entry.by}` : ''}
        </Text>
        {entry.invoiceId && entry.invoiceNumber ? (
          <RouterAnchor
            to="/receivables/invoices/$invoiceId"
            params={{ invoiceId: entry.invoiceId }}
            size="xs"
          >
            {entry.invoiceNumber}
          </RouterAnchor>
        ) : null}
        {entry.amount ? (
          <Badge variant="light" radius="sm" size="sm">
            {formatMoney(entry.amount.amount, entry.amount.currency)}
          </Badge>
        ) : null}
      </Group>
      {entry.detail ? (
        <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap' }}>
          {entry.detail}
        </Text>
      ) : null}
      {entry.message ? (
        <>
          <Anchor component="button" type="button" size="xs" onClick={() => setOpen((v) => !v)}>
            {open ? 'Hide the message' : 'Show the message'}
          </Anchor>
          <Collapse expanded={open}>
            <Paper withBorder p="sm" mt="xs" radius="sm" aria-label={`Message: ${entry.message.subject}`}>
              <Text size="xs" c="dimmed">
                To {entry.message.to.join(', ')} · {entry.message.state}
              </Text>
              <Text size="sm" fw={600}>
                {entry.message.subject}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {entry.message.text}
              </Text>
            </Paper>
          </Collapse>
        </>
      ) : null}
    </>
  );
}

/** Every follow-up touch of a customer, newest first: reminders, fees, calls, notes, promises, disputes, holds, shipments. */
export function CustomerTimeline(props: { customerId: string }) {
  const { customerId } = props;
  const canLog = useCanLogNotes();
  const canPromise = useCanWriteFollowup();
  const [kinds, setKinds] = useState<string[]>([]);
  const [dialog, setDialog] = useState<'note' | 'promise' | null>(null);
  const query = { kinds: kinds.length > 0 ? kinds.join(',') : null };
  const list = useCursorList(['timeline', customerId, query], (page) =>
    timelineApi.list(customerId, { ...query, ...page }),
  );

  return (
    <Paper withBorder radius="md" p="md">
      <CustomerFollowupSettings customerId={customerId} />
      <Group justify="space-between" align="flex-end" mb="md">
        <MultiSelect
          label="Show"
          placeholder={kinds.length ? undefined : 'Every kind of touch'}
          data={KIND_OPTIONS}
          value={kinds}
          onChange={setKinds}
          clearable
          w={360}
        />
        <Group gap="sm">
          {canLog ? (
            <Button variant="default" leftSection={<IconPhone size={16} />} onClick={() => setDialog('note')}>
              Log call or note
            </Button>
          ) : null}
          {canPromise ? (
            <Button
              variant="default"
              leftSection={<IconPlus size={16} />}
              onClick={() => setDialog('promise')}
            >
              Record promise
            </Button>
          ) : null}
          <Button
            component="a"
            href={timelineApi.csvUrl(customerId, query)}
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            Export CSV
          </Button>
        </Group>
      </Group>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.items.length === 0 ? (
        <Alert color="gray" variant="light">
          {list.isPending ? 'Loading…' : 'Nothing has happened with this customer yet.'}
        </Alert>
      ) : (
        <Timeline bulletSize={24} lineWidth={2} aria-label="Follow-up timeline">
          {list.items.map((entry) => (
            <Timeline.Item
              key={entry.id}
              bullet={iconOf(entry.kind)}
              color={colorOf(entry.kind)}
              title={entry.title}
              data-kind={entry.kind}
            >
              <EntryBody entry={entry} />
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      <ListFooter
        count={list.items.length}
        noun="entry"
        nouns="entries"
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
      {dialog === 'note' ? <LogNoteModal customerId={customerId} onClose={() => setDialog(null)} /> : null}
      {dialog === 'promise' ? (
        <RecordPromiseModal customerId={customerId} onClose={() => setDialog(null)} />
      ) : null}
    </Paper>
  );
}
