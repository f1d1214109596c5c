import { Alert, Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import type { FollowupRunResult } from '../../api/types.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formatMoney } from '../../lib/money.js';
import { CustomerLink } from '../invoices/CustomerSelect.js';

const KIND_LABELS = {
  reminder: 'Reminder',
  task: 'Task',
  late_fee: 'Late fee',
  interest: 'Interest',
  credit_hold: 'Credit hold',
} as const;

/** What a follow-up run would do (or did): one row per action, then the emails grouped per customer. */
export function PreviewTable(props: { result: FollowupRunResult; title: string }) {
  const { result } = props;
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{props.title}</Title>
        <Text size="sm" c="dimmed">
          As of {result.asOf}: {result.itemsDue} invoice{result.itemsDue === 1 ? '' : 's'} due,{' '}
          {result.messages} email
          {result.messages === 1 ? '' : 's'}, {result.fees} fee{result.fees === 1 ? '' : 's'}, {result.tasks}{' '}
          task
          {result.tasks === 1 ? '' : 's'}, {result.holds} hold{result.holds === 1 ? '' : 's'}
        </Text>
      </Group>
      {result.failures.length > 0 ? (
        <Alert color="red" mb="sm" title="Problems">
          {result.failures.map((f) => (
            <Text key={f.customerId} size="sm">
              {f.message}
            </Text>
          ))}
        </Alert>
      ) : null}
      {result.actions.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing is due: the run would do nothing.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table aria-label={props.title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Invoice</Table.Th>
                <Table.Th>Customer</Table.Th>
                <Table.Th>Step</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.actions.map((a) => (
                <Table.Tr key={`${a.invoiceId}:${a.stepPosition}:${a.kind}`}>
                  <Table.Td>
                    <RouterAnchor
                      to="/receivables/invoices/$invoiceId"
                      params={{ invoiceId: a.invoiceId }}
                      size="sm"
                    >
                      {a.invoiceNumber}
                    </RouterAnchor>
                  </Table.Td>
                  <Table.Td>
                    <CustomerLink customerId={a.customerId} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {a.stepPosition}. {a.stepName}{' '}
                      <Badge size="xs" variant="light" radius="sm">
                        {a.tone}
                      </Badge>
                    </Text>
                    {a.skippedSteps.length > 0 ? (
                      <Text size="xs" c="dimmed">
                        catches up: step{a.skippedSteps.length === 1 ? '' : 's'} {a.skippedSteps.join(', ')}{' '}
                        skipped
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{KIND_LABELS[a.kind]}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2} maw={360}>
                      {a.description}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {a.amount !== null && a.currency ? formatMoney(a.amount, a.currency) : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {result.emails.length > 0 ? (
        <>
          <Title order={5} mt="md" mb="xs">
            Emails
          </Title>
          {result.emails.map((e) => (
            <Text key={`${e.customerId}:${e.subject}`} size="sm">
              {e.subject} — to {e.to.join(', ') || 'nobody (no reminder contact)'} (
              {e.invoiceNumbers.join(', ')})
            </Text>
          ))}
        </>
      ) : null}
    </Paper>
  );
}
