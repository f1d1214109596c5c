import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { invoicesApi } from '../../api/endpoints.js';
import { StateBadge } from '../../components/Badges.js';
import { QueryError } from '../../components/QueryError.js';
import { formatDateTime } from '../../lib/format.js';

/** The emails sent for a document, with each message's delivery events. */
export function DeliveryLog(props: { invoiceId: string }) {
  const query = useQuery({
    queryKey: ['invoices', 'messages', props.invoiceId],
    queryFn: () => invoicesApi.messages(props.invoiceId),
    refetchInterval: (q) =>
      q.state.data?.items.some((m) => m.state === 'queued' || m.state === 'sending') ? 2000 : false,
  });
  return (
    <Paper withBorder radius="md" p="md" aria-label="Delivery log">
      <Title order={5} mb="xs">
        Delivery log
      </Title>
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data?.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not sent yet.
        </Text>
      ) : null}
      <Stack gap="sm">
        {query.data?.items.map((message) => (
          <div key={message.id}>
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <Text size="sm" fw={500} lineClamp={1}>
                To {message.to.join(', ')}
                {message.cc.length > 0 ? ` (cc ${message.cc.join(', ')})` : ''}
              </Text>
              <StateBadge state={message.state} />
            </Group>
            <Text size="xs" c="dimmed">
              {message.subject}
            </Text>
            <Table fz="xs" mt={4} withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                {message.events.map((event) => (
                  <Table.Tr key={`${event.at}-${event.event}`}>
                    <Table.Td w={170} c="dimmed">
                      {formatDateTime(event.at)}
                    </Table.Td>
                    <Table.Td w={90}>
                      <Badge size="xs" variant="outline" color="gray">
                        {event.event}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{event.detail}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}
