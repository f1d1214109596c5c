import { Button, Code, Group, Paper, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../../api/client.js';
import { jobsApi } from '../../../api/endpoints.js';
import { JOB_STATES, type JobState } from '../../../api/types.js';
import { StateBadge } from '../../../components/Badges.js';
import { ListFooter } from '../../../components/ListFooter.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { QueryError } from '../../../components/QueryError.js';
import { RequireArea } from '../../../components/RequireArea.js';
import { StateFilter } from '../../../components/StateFilter.js';
import { TableStatus } from '../../../components/TableStatus.js';
import { formatDateTime } from '../../../lib/format.js';
import { useCursorList } from '../../../lib/useCursorList.js';

export function JobsPage() {
  return (
    <RequireArea area="jobs">
      <JobsList />
    </RequireArea>
  );
}

function JobsList() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<JobState | null>(null);
  const list = useCursorList(['jobs', 'list', state], (page) => jobsApi.list({ state, ...page }));
  const retry = useMutation({
    mutationFn: (id: string) => jobsApi.retry(id),
    onSuccess: (job) => {
      void queryClient.invalidateQueries({ queryKey: ['jobs'] });
      notifications.show({
        color: 'teal',
        title: 'Job queued again',
        message: `${job.name} will run again shortly.`,
      });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'Retry failed',
        message: isApiError(error, 403)
          ? "You don't have permission to do this."
          : isApiError(error)
            ? error.userMessage
            : 'Something went wrong.',
      }),
  });

  return (
    <>
      <PageHeader
        title="Jobs"
        description="Background work: reminders, mail delivery, event delivery. Jobs that failed every attempt are dead and can be retried."
        actions={
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            onClick={() => void list.refetch()}
            loading={list.isRefetching}
          >
            Refresh
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md">
        <Group mb="md">
          <StateFilter label="Job state" states={JOB_STATES} value={state} onChange={setState} />
        </Group>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={1000}>
            <Table aria-label="Jobs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Job</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>Attempts</Table.Th>
                  <Table.Th>Run at</Table.Th>
                  <Table.Th>Finished</Table.Th>
                  <Table.Th>Last error</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.length === 0 ? (
                  <TableStatus
                    colSpan={7}
                    loading={list.isPending}
                    empty={state ? `No ${state} jobs.` : 'No jobs yet.'}
                  />
                ) : (
                  list.items.map((job) => (
                    <Table.Tr key={job.id}>
                      <Table.Td>
                        <Code>{job.name}</Code>
                        {job.dedupeKey ? (
                          <Text size="xs" c="dimmed" ff="monospace">
                            {job.dedupeKey}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <StateBadge state={job.state} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {job.attempts} / {job.maxAttempts}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDateTime(job.runAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDateTime(job.finishedAt)}</Text>
                      </Table.Td>
                      <Table.Td maw={360}>
                        {job.lastError ? (
                          <Tooltip label={job.lastError} multiline w={420} withArrow>
                            <Text size="xs" c="red" lineClamp={2}>
                              {job.lastError}
                            </Text>
                          </Tooltip>
                        ) : null}
                      </Table.Td>
                      <Table.Td ta="right">
                        {job.state === 'dead' ? (
                          <Button
                            size="xs"
                            variant="light"
                            loading={retry.isPending && retry.variables === job.id}
                            onClick={() => retry.mutate(job.id)}
                            aria-label={`Retry ${job.name} ${job.id}`}
                          >
                            Retry
                          </Button>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <ListFooter
          count={list.items.length}
          noun="job"
          hasMore={list.hasNextPage}
          loading={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      </Paper>
    </>
  );
}
