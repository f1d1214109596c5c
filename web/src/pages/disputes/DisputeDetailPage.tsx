import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  DataList,
  FileButton,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowLeft,
  IconCheck,
  IconFileOff,
  IconMessage,
  IconPaperclip,
  IconSearch,
  IconX,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { isApiError } from '../../api/client.js';
import { disputesApi } from '../../api/endpoints.js';
import type { DisputeDetail, DisputeEvent } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { EmptyPanel } from '../../components/EmptyPanel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { formatMoney } from '../../lib/money.js';
import { CustomerLink } from '../invoices/CustomerSelect.js';
import { REASON_LABELS, RESOLUTION_LABELS, useCanResolveDisputes, useCanWriteDisputes } from './access.js';
import { DisputeStatusBadge } from './DisputeBadges.js';
import { ResolveDisputeModal } from './ResolveDisputeModal.js';

function BackToDisputes() {
  return (
    <RouterAnchor
      to="/receivables/disputes"
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ alignItems: 'center', gap: 4 }}
    >
      <IconArrowLeft size={14} /> Disputes
    </RouterAnchor>
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

export function DisputeDetailPage(props: { disputeId: string }) {
  const query = useQuery({
    queryKey: ['disputes', 'detail', props.disputeId],
    queryFn: () => disputesApi.get(props.disputeId),
  });
  if (query.isPending)
    return (
      <Center py="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (query.isError)
    return (
      <>
        <BackToDisputes />
        {isApiError(query.error, 404) ? (
          <EmptyPanel
            icon={<IconFileOff size={28} />}
            title="Dispute not found"
            description="There is no dispute case with this id."
            role="alert"
          />
        ) : (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        )}
      </>
    );
  return <DisputeView dispute={query.data} />;
}

const EVENT_TITLES: Record<string, string> = {
  opened: 'Opened',
  comment: 'Comment',
  status: 'Status changed',
  attachment: 'Attachment added',
  owner: 'Owner changed',
  deadline: 'Deadline changed',
  resolved: 'Resolved',
  rejected: 'Rejected',
  resolution_failed: 'Resolution refused',
};

function eventDetail(event: DisputeEvent): string | null {
  if (event.kind === 'status' || event.kind === 'resolved' || event.kind === 'rejected')
    return `${event.fromStatus ?? ''} → ${event.toStatus ?? ''}`;
  if (event.kind === 'deadline' || event.kind === 'owner') {
    const data = event.data as { from: string | null; to: string | null } | null;
    return data ? `${data.from ?? 'none'} → ${data.to ?? 'none'}` : null;
  }
  return null;
}

function DisputeView(props: { dispute: DisputeDetail }) {
  const { dispute } = props;
  const { user } = useSession();
  const queryClient = useQueryClient();
  const canWrite = useCanWriteDisputes();
  const canResolve = useCanResolveDisputes();
  const [comment, setComment] = useState('');
  const [resolving, setResolving] = useState(false);
  const isOpen = dispute.status === 'open' || dispute.status === 'investigating';
  const m = (minor: number) => formatMoney(minor, dispute.currency);
  const updated = (next: DisputeDetail) => {
    queryClient.setQueryData(['disputes', 'detail', next.id], next);
    void queryClient.invalidateQueries({ queryKey: ['disputes', 'list'] });
  };

  const addComment = useMutation({
    mutationFn: () => disputesApi.comment(dispute.id, comment),
    onSuccess: (next) => {
      updated(next);
      setComment('');
    },
  });
  const investigate = useMutation({
    mutationFn: () => disputesApi.investigate(dispute.id),
    onSuccess: updated,
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not changed', message: (error as Error).message }),
  });
  const [deadline, setDeadline] = useState(dispute.deadline ?? '');
  const update = useMutation({
    mutationFn: (input: { ownerUserId?: string | null; deadline?: string | null }) =>
      disputesApi.update(dispute.id, input),
    onSuccess: updated,
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'Not changed',
        message: isApiError(error) ? error.userMessage : String(error),
      }),
  });
  const attach = useMutation({
    mutationFn: (file: File) => disputesApi.attach(dispute.id, file),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['disputes', 'detail', dispute.id] });
      notifications.show({ color: 'teal', title: 'Attached', message: 'The file is on the case.' });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'Not attached',
        message: isApiError(error) ? error.userMessage : String(error),
      }),
  });

  return (
    <>
      <BackToDisputes />
      <PageHeader
        title={`Dispute ${dispute.number}`}
        description={
          <Group gap="xs" component="span">
            <DisputeStatusBadge status={dispute.status} />
            <CustomerLink customerId={dispute.customerId} />
            <Text span size="sm">
              · {REASON_LABELS[dispute.reason]} · {m(dispute.amount)} of{' '}
            </Text>
            <RouterAnchor
              to="/receivables/invoices/$invoiceId"
              params={{ invoiceId: dispute.invoiceId }}
              size="sm"
            >
              {dispute.invoiceNumber}
            </RouterAnchor>
          </Group>
        }
        actions={
          <>
            {canWrite && dispute.allowedStatuses.includes('investigating') && !dispute.resolving ? (
              <Button
                variant="default"
                leftSection={<IconSearch size={16} />}
                loading={investigate.isPending}
                onClick={() => investigate.mutate()}
              >
                Start investigating
              </Button>
            ) : null}
            {canWrite && isOpen ? (
              <FileButton
                onChange={(file) => file && attach.mutate(file)}
                accept="application/pdf,image/png,image/jpeg,image/gif,image/webp,text/plain,text/csv,message/rfc822"
              >
                {(fileProps) => (
                  <Button
                    {...fileProps}
                    variant="default"
                    leftSection={<IconPaperclip size={16} />}
                    loading={attach.isPending}
                  >
                    Attach file
                  </Button>
                )}
              </FileButton>
            ) : null}
            {canResolve && isOpen && !dispute.resolving ? (
              <Button leftSection={<IconCheck size={16} />} onClick={() => setResolving(true)}>
                Resolve
              </Button>
            ) : null}
          </>
        }
      />
      {dispute.resolving ? (
        <Alert color="yellow" mb="md">
          A resolution is being carried out; reload in a moment.
        </Alert>
      ) : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <Paper withBorder radius="md" p="md" aria-label="Case">
              <Title order={5} mb="xs">
                Case
              </Title>
              <DataList>
                <Item label="Reason">{REASON_LABELS[dispute.reason]}</Item>
                <Item label="Disputed amount">{m(dispute.amount)}</Item>
                <Item label="Deadline">
                  {canWrite && isOpen ? (
                    <Group gap="xs" wrap="nowrap">
                      <TextInput
                        aria-label="Deadline"
                        type="date"
                        size="xs"
                        value={deadline}
                        onChange={(e) => setDeadline(e.currentTarget.value)}
                      />
                      <Button
                        size="xs"
                        variant="default"
                        disabled={!deadline || deadline === dispute.deadline}
                        loading={update.isPending}
                        onClick={() => update.mutate({ deadline })}
                      >
                        Save
                      </Button>
                    </Group>
                  ) : (
                    formatDate(dispute.deadline)
                  )}
                </Item>
                <Item label="Owner">
                  <Group gap="xs">
                    <Text size="sm">
                      {dispute.ownerUserId === user.id ? 'You' : (dispute.ownerUserId ?? 'Nobody')}
                    </Text>
                    {canWrite && isOpen && dispute.ownerUserId !== user.id ? (
                      <Button
                        size="xs"
                        variant="subtle"
                        loading={update.isPending}
                        onClick={() => update.mutate({ ownerUserId: user.id })}
                      >
                        Take it
                      </Button>
                    ) : null}
                  </Group>
                </Item>
                <Item label="Opened">
                  {formatDateTime(dispute.openedAt)} by {dispute.openedBy ?? 'system'}
                </Item>
                {dispute.resolution ? (
                  <Item label="Resolution">
                    <Badge variant="light" radius="sm">
                      {RESOLUTION_LABELS[dispute.resolution]}
                    </Badge>{' '}
                    {dispute.resolutionNote}
                  </Item>
                ) : null}
                {dispute.resolutionRef && dispute.resolution === 'reship' ? (
                  <Item label="Replacement">
                    <RouterAnchor
                      to="/dispatch/shipments/$shipmentId"
                      params={{ shipmentId: dispute.resolutionRef }}
                      size="sm"
                    >
                      Replacement shipment
                    </RouterAnchor>
                  </Item>
                ) : null}
                {dispute.resolutionRef && dispute.resolution === 'credit_note' ? (
                  <Item label="Credit note">
                    <RouterAnchor
                      to="/receivables/invoices/$invoiceId"
                      params={{ invoiceId: dispute.resolutionRef }}
                      size="sm"
                    >
                      Open the credit note
                    </RouterAnchor>
                  </Item>
                ) : null}
              </DataList>
              <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {dispute.description}
              </Text>
            </Paper>
            <Paper withBorder radius="md" p="md" aria-label="Attachments">
              <Title order={5} mb="xs">
                Attachments
              </Title>
              {dispute.attachments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No files yet (PDF, images, text or e-mails; at most 5 MiB each).
                </Text>
              ) : (
                <Stack gap={4}>
                  {dispute.attachments.map((a) => (
                    <Group key={a.id} gap="xs">
                      <IconPaperclip size={14} />
                      <Anchor href={disputesApi.attachmentUrl(dispute.id, a.id)} size="sm">
                        {a.filename}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {Math.max(1, Math.round(a.size / 1024))} KiB · {a.uploadedBy ?? ''}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder radius="md" p="md" aria-label="Timeline">
            <Title order={5} mb="sm">
              Timeline
            </Title>
            <Timeline bulletSize={20} lineWidth={2}>
              {dispute.timeline.map((event) => (
                <Timeline.Item
                  key={event.id}
                  title={EVENT_TITLES[event.kind] ?? event.kind}
                  bullet={
                    event.kind === 'comment' ? (
                      <IconMessage size={12} />
                    ) : event.kind === 'resolution_failed' ? (
                      <IconX size={12} />
                    ) : undefined
                  }
                >
                  {eventDetail(event) ? <Text size="sm">{eventDetail(event)}</Text> : null}
                  {event.body ? (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {event.body}
                    </Text>
                  ) : null}
                  <Text size="xs" c="dimmed">
                    {formatDateTime(event.at)} · {event.actorLabel ?? 'system'}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
            {canWrite ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  addComment.mutate();
                }}
              >
                <Stack gap="xs" mt="md">
                  <Textarea
                    label="Add a comment"
                    autosize
                    minRows={2}
                    value={comment}
                    onChange={(e) => setComment(e.currentTarget.value)}
                    error={isApiError(addComment.error) ? addComment.error.userMessage : undefined}
                  />
                  <Group justify="flex-end">
                    <Button
                      type="submit"
                      variant="default"
                      loading={addComment.isPending}
                      disabled={!comment.trim()}
                    >
                      Comment
                    </Button>
                  </Group>
                </Stack>
              </form>
            ) : null}
          </Paper>
        </Grid.Col>
      </Grid>
      {resolving ? <ResolveDisputeModal dispute={dispute} onClose={() => setResolving(false)} /> : null}
    </>
  );
}
