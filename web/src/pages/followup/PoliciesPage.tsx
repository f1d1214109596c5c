import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPlay, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { followupApi } from '../../api/endpoints.js';
import type { FollowupPolicy, FollowupRunResult } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { useCanWriteFollowup } from './access.js';
import { PreviewTable } from './PreviewTable.js';

export const describeOffset = (days: number) =>
  days === 0
    ? 'on the due date'
    : days < 0
      ? `${-days} day${days === -1 ? '' : 's'} before due`
      : `${days} day${days === 1 ? '' : 's'} after due`;

function stepSummary(policy: FollowupPolicy) {
  return policy.steps.map((s) => `${s.name} (${describeOffset(s.offsetDays)})`).join(' → ');
}

/** Follow-up policies, and what the next run would do. */
export function PoliciesPage() {
  const navigate = useNavigate();
  const canWrite = useCanWriteFollowup();
  const queryClient = useQueryClient();
  const [asOf, setAsOf] = useState('');
  const [ran, setRan] = useState<FollowupRunResult | null>(null);
  const policies = useQuery({ queryKey: ['followup', 'policies'], queryFn: () => followupApi.policies() });
  const preview = useQuery({
    queryKey: ['followup', 'preview', asOf],
    queryFn: () => followupApi.preview({ asOf: asOf || null }),
  });
  const run = useMutation({
    mutationFn: () => followupApi.run(asOf ? { asOf } : {}),
    onSuccess: (result) => {
      setRan(result);
      void queryClient.invalidateQueries({ queryKey: ['followup'] });
      void queryClient.invalidateQueries({ queryKey: ['timeline'] });
      notifications.show({
        color: 'teal',
        title: 'Follow-up run done',
        message: `${result.messages} email(s), ${result.fees} fee(s), ${result.tasks} task(s), ${result.holds} hold(s).`,
      });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'The run failed', message: (error as Error).message }),
  });

  return (
    <>
      <PageHeader
        title="Follow-up policies"
        description="Steps before and after the due date, each sending a reminder, creating a task, charging a fee or interest, or putting the customer on hold. The daily run applies them."
        actions={
          canWrite ? (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => void navigate({ to: '/followup/policies/new' })}
            >
              New policy
            </Button>
          ) : null
        }
      />
      <Stack>
        <Paper withBorder radius="md" p="md">
          {policies.isError ? (
            <QueryError error={policies.error} onRetry={() => void policies.refetch()} />
          ) : (
            <Table aria-label="Policies">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Policy</Table.Th>
                  <Table.Th>Steps</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(policies.data ?? []).map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <RouterAnchor to="/followup/policies/$policyId" params={{ policyId: p.id }} size="sm">
                        {p.name}
                      </RouterAnchor>{' '}
                      {p.isDefault ? (
                        <Badge size="xs" variant="light" radius="sm">
                          default
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{stepSummary(p)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
                {policies.data?.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={2}>
                      <Text size="sm" c="dimmed">
                        No policy yet: create one and make it the default.
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : null}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <Group align="flex-end">
          <TextInput
            label="Preview as of"
            description="Default: today"
            type="date"
            value={asOf}
            onChange={(e) => setAsOf(e.currentTarget.value)}
            w={180}
          />
          {canWrite ? (
            <Button
              leftSection={<IconPlayerPlay size={16} />}
              loading={run.isPending}
              onClick={() => run.mutate()}
            >
              Run now
            </Button>
          ) : null}
        </Group>
        {preview.isError ? (
          <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
        ) : preview.data ? (
          <PreviewTable result={preview.data} title="Preview of the next run" />
        ) : null}
        {ran ? <PreviewTable result={ran} title="Last run" /> : null}
      </Stack>
    </>
  );
}
