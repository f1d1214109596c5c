import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { followupApi, snoozesApi } from '../../api/endpoints.js';
import type { PauseKind } from '../../api/types.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formatDate } from '../../lib/format.js';
import { useCanWriteFollowup } from './access.js';

const PAUSE_LABELS: Record<PauseKind, string> = {
  dispute: 'Disputed',
  promise: 'Promise to pay',
  payment_processing: 'Payment being processed',
  snooze: 'Snoozed',
};

/** An invoice's follow-up: the step reached, the next date, and what pauses its reminders (a snooze can be ended here). */
export function InvoiceFollowupPanel(props: { invoiceId: string }) {
  const { invoiceId } = props;
  const canWrite = useCanWriteFollowup();
  const queryClient = useQueryClient();
  const items = useQuery({
    queryKey: ['followup', 'items', invoiceId],
    queryFn: () => followupApi.items({ invoiceId }),
  });
  const pauses = useQuery({
    queryKey: ['followup', 'pauses', invoiceId],
    queryFn: () => followupApi.pauses({ invoiceId, active: 'true' }),
  });
  const endSnooze = useMutation({
    mutationFn: (snoozeId: string) => snoozesApi.end(snoozeId, 'Ended from the invoice'),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['followup'] });
      void queryClient.invalidateQueries({ queryKey: ['snoozes'] });
      notifications.show({
        color: 'teal',
        title: 'Snooze ended',
        message: 'Reminders resume with the next run.',
      });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not ended', message: (error as Error).message }),
  });
  const item = items.data?.[0];
  return (
    <Paper withBorder radius="md" p="md" aria-label="Follow-up">
      <Title order={5} mb="xs">
        Follow-up
      </Title>
      <Stack gap="xs">
        <Text size="sm">
          {items.isPending
            ? 'Loading…'
            : !item
              ? 'Not followed up (yet).'
              : item.closedAt
                ? `Closed: ${item.closedReason ?? 'nothing left to chase'}.`
                : `${item.currentStep === 0 ? 'No step sent yet' : `Step ${item.currentStep} sent`}${item.nextDate ? `; next on ${formatDate(item.nextDate)}` : '; no further step'}.`}
        </Text>
        {(pauses.data ?? []).map((p) => (
          <Group key={p.id} gap="xs" wrap="nowrap" justify="space-between">
            <Group gap="xs" wrap="nowrap">
              <Badge variant="light" color="yellow" radius="sm">
                {PAUSE_LABELS[p.kind]}
              </Badge>
              <Text size="sm" lineClamp={1}>
                {p.reason}
                {p.until ? ` — resumes ${formatDate(p.until)}` : ''}
              </Text>
            </Group>
            {p.kind === 'snooze' && canWrite ? (
              <Button
                size="xs"
                variant="subtle"
                loading={endSnooze.isPending}
                onClick={() => endSnooze.mutate(p.sourceId)}
              >
                End snooze
              </Button>
            ) : p.kind === 'promise' ? (
              <RouterAnchor to="/followup/promises" size="xs">
                Promises
              </RouterAnchor>
            ) : null}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
