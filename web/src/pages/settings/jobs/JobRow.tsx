import { Button, Code, Table, Text, Tooltip } from '@mantine/core';
import type { Job } from '../../../api/types.js';
import { StateBadge } from '../../../components/Badges.js';
import { formatDateTime } from '../../../lib/format.js';

export function JobRow(props: { job: Job; retrying: boolean; onRetry: () => void }) {
  const { job } = props;
  return (
    <Table.Tr>
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
            loading={props.retrying}
            onClick={props.onRetry}
            aria-label={`Retry ${job.name} ${job.id}`}
          >
            Retry
          </Button>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}
