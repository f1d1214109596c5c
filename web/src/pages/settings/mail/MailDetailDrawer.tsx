import { Alert, Drawer, Group, Loader, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { mailApi } from '../../../api/endpoints.js';
import { StateBadge } from '../../../components/Badges.js';
import { QueryError } from '../../../components/QueryError.js';
import { formatDateTime } from '../../../lib/format.js';

/** One mail message with its delivery events, newest last. */
export function MailDetailDrawer(props: { id: string | null; onClose: () => void }) {
  const { id } = props;
  const query = useQuery({
    queryKey: ['mail', 'detail', id],
    queryFn: () => mailApi.get(id ?? ''),
    enabled: id !== null,
  });
  const message = query.data;

  return (
    <Drawer opened={id !== null} onClose={props.onClose} position="right" size="lg" title="Mail message">
      {query.isPending ? (
        <Loader size="sm" aria-label="Loading" />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : message ? (
        <Stack>
          <div>
            <Title order={3} size="h4">
              {message.subject}
            </Title>
            <Text size="sm" c="dimmed">
              To {message.to.join(', ')}
            </Text>
          </div>
          <Group gap="lg">
            <StateBadge state={message.state} />
            <Text size="sm">Attempts: {message.attempts}</Text>
            <Text size="sm">Created {formatDateTime(message.createdAt)}</Text>
            {message.sentAt ? <Text size="sm">Sent {formatDateTime(message.sentAt)}</Text> : null}
          </Group>
          {message.lastError ? (
            <Alert color="red" title="Last error">
              {message.lastError}
            </Alert>
          ) : null}
          <Title order={4} size="h5">
            Delivery events
          </Title>
          {message.events.length === 0 ? (
            <Text size="sm" c="dimmed">
              No delivery events recorded yet.
            </Text>
          ) : (
            <Timeline bulletSize={14} lineWidth={2} active={message.events.length - 1}>
              {message.events.map((event) => (
                <Timeline.Item key={`${event.at}-${event.event}-${event.detail ?? ''}`} title={event.event}>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(event.at)}
                  </Text>
                  {event.detail ? (
                    <Text size="sm" mt={2} style={{ wordBreak: 'break-word' }}>
                      {event.detail}
                    </Text>
                  ) : null}
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Stack>
      ) : null}
    </Drawer>
  );
}
