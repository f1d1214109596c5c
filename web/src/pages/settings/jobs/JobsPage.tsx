import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { jobsApi } from '../../../api/endpoints.js';
import { JOB_STATES, type JobState } from '../../../api/types.js';
import { PagedTable } from '../../../components/PagedTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { StateFilter } from '../../../components/StateFilter.js';
import { ACTIONS_COLUMN } from '../../../components/TableHead.js';
import { actionErrorMessage } from '../../../lib/errorMessage.js';
import { useCursorList } from '../../../lib/useCursorList.js';
import { JobRow } from './JobRow.js';

const COLUMNS = ['Job', 'State', 'Attempts', 'Run at', 'Finished', 'Last error', ACTIONS_COLUMN];

export function JobsPage() {
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
      notifications.show({ color: 'red', title: 'Retry failed', message: actionErrorMessage(error) }),
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
      <PagedTable
        list={list}
        label="Jobs"
        minWidth={1000}
        columns={COLUMNS}
        empty={state ? `No ${state} jobs.` : 'No jobs yet.'}
        noun="job"
        toolbar={
          <Group mb="md">
            <StateFilter label="Job state" states={JOB_STATES} value={state} onChange={setState} />
          </Group>
        }
        row={(job) => (
          <JobRow
            job={job}
            retrying={retry.isPending && retry.variables === job.id}
            onRetry={() => retry.mutate(job.id)}
          />
        )}
      />
    </>
  );
}
