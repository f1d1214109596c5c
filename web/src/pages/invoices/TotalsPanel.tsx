import { Divider, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { Invoice } from '../../api/types.js';
import { formatMoney } from '../../lib/money.js';

function Row(props: { label: string; value: string; strong?: boolean; color?: string }) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm" fw={props.strong ? 700 : undefined} c={props.color}>
        {props.label}
      </Text>
      <Text size="sm" fw={props.strong ? 700 : undefined} c={props.color} ff="monospace">
        {props.value}
      </Text>
    </Group>
  );
}

/** The server's totals of a document: net, tax per category and rate, gross, and what is paid and open. */
export function TotalsPanel(props: { invoice: Invoice; stale?: boolean; showPayments?: boolean }) {
  const { invoice } = props;
  const m = (minor: number) => formatMoney(minor, invoice.currency);
  return (
    <Paper withBorder radius="md" p="md" aria-label="Totals">
      <Title order={5} mb="xs">
        Totals
      </Title>
      {props.stale ? (
        <Text size="xs" c="orange" mb="xs">
          Unsaved changes — save to have the totals recomputed.
        </Text>
      ) : null}
      <Stack gap={4} opacity={props.stale ? 0.5 : 1}>
        <Row label="Net total" value={m(invoice.netTotal)} />
        {invoice.taxBreakdown.map((row) => (
          <Row
            key={`${row.category}-${row.rate}`}
            label={`Tax ${row.category} ${row.rate}% on ${m(row.taxableAmount)}`}
            value={m(row.taxAmount)}
            color="dimmed"
          />
        ))}
        <Row label="Tax total" value={m(invoice.taxTotal)} />
        <Divider my={4} />
        <Row label="Gross total" value={m(invoice.grossTotal)} strong />
        {props.showPayments ? (
          <>
            <Row
              label={invoice.kind === 'credit_note' ? 'Credit used' : 'Paid or credited'}
              value={m(invoice.paidAmount)}
            />
            <Row
              label={invoice.kind === 'credit_note' ? 'Credit left' : 'Open amount'}
              value={m(invoice.openAmount)}
              strong
              color={invoice.overdue ? 'red' : undefined}
            />
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The tax breakdown per category and rate (EN 16931 BG-23), with exemption reasons. */
export function TaxBreakdownTable(props: { invoice: Invoice }) {
  const { invoice } = props;
  const m = (minor: number) => formatMoney(minor, invoice.currency);
  return (
    <Table aria-label="Tax breakdown" fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Category</Table.Th>
          <Table.Th ta="right">Rate</Table.Th>
          <Table.Th ta="right">Taxable amount</Table.Th>
          <Table.Th ta="right">Tax</Table.Th>
          <Table.Th>Exemption reason</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {invoice.taxBreakdown.map((row) => (
          <Table.Tr key={`${row.category}-${row.rate}`}>
            <Table.Td>{row.category}</Table.Td>
            <Table.Td ta="right">{row.rate}%</Table.Td>
            <Table.Td ta="right">{m(row.taxableAmount)}</Table.Td>
            <Table.Td ta="right">{m(row.taxAmount)}</Table.Td>
            <Table.Td>{row.exemptionReason ?? row.exemptionReasonCode ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
