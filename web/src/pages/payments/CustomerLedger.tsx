import { Badge, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { accountsApi } from '../../api/endpoints.js';
import type { Customer, LedgerKind } from '../../api/types.js';
import { QueryError } from '../../components/QueryError.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formatDate } from '../../lib/format.js';
import { formatMoney } from '../../lib/money.js';

const KIND_LABELS: Record<LedgerKind, { label: string; color: string }> = {
  invoice: { label: 'Invoice', color: 'blue' },
  credit_note: { label: 'Credit note', color: 'grape' },
  payment: { label: 'Payment', color: 'teal' },
  payment_reversal: { label: 'Reversal', color: 'red' },
  refund: { label: 'Refund', color: 'orange' },
  write_off: { label: 'Write-off', color: 'gray' },
  fee: { label: 'Fee', color: 'yellow' },
};

function Figure(props: { label: string; value: string; color?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {props.label}
      </Text>
      <Text size="lg" fw={600} c={props.color}>
        {props.value}
      </Text>
    </div>
  );
}

/** The customer's account: balance and credit per currency, and the ledger with its running balance. */
export function CustomerLedger(props: { customer: Customer }) {
  const { customer } = props;
  const balance = useQuery({
    queryKey: ['accounts', customer.id, 'balance'],
    queryFn: () => accountsApi.balance(customer.id),
  });
  const currencies = balance.data?.currencies.map((c) => c.currency) ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const currency =
    chosen ??
    (currencies.includes(customer.currency) ? customer.currency : (currencies[0] ?? customer.currency));
  const ledger = useQuery({
    queryKey: ['accounts', customer.id, 'ledger', currency],
    queryFn: () => accountsApi.ledger(customer.id, { currency }),
  });
  const figures = balance.data?.currencies.find((c) => c.currency === currency);
  const m = (minor: number) => formatMoney(minor, currency);

  return (
    <Stack>
      {balance.isError ? <QueryError error={balance.error} onRetry={() => void balance.refetch()} /> : null}
      <Paper withBorder radius="md" p="md" aria-label="Account balance">
        <Group justify="space-between" mb="sm">
          <Title order={5}>Balance</Title>
          {currencies.length > 1 ? (
            <Select
              aria-label="Ledger currency"
              size="xs"
              data={currencies}
              value={currency}
              onChange={(v) => setChosen(v)}
              allowDeselect={false}
              w={110}
            />
          ) : null}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
          <Figure label="Balance" value={m(figures?.balance ?? 0)} />
          <Figure label="Open invoices" value={m(figures?.openInvoices ?? 0)} />
          <Figure label="Open credit notes" value={m(-(figures?.openCreditNotes ?? 0))} />
          <Figure label="Unapplied payments" value={m(-(figures?.unappliedPayments ?? 0))} />
          <Figure label="Credit on account" value={m(-(figures?.customerCredit ?? 0))} />
          <Figure label="Open fees" value={m(figures?.openCharges ?? 0)} />
        </SimpleGrid>
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={5} mb="sm">
          Ledger ({currency})
        </Title>
        {ledger.isError ? <QueryError error={ledger.error} onRetry={() => void ledger.refetch()} /> : null}
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label="Ledger" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th ta="right">Balance</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ledger.data?.lines.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={5} ta="center" c="dimmed" py="lg">
                    Nothing on this account yet.
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {ledger.data?.lines.map((line) => (
                <Table.Tr key={`${line.kind}-${line.id}-${line.date}-${line.amount}`}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(line.date)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" radius="sm" color={KIND_LABELS[line.kind].color}>
                      {KIND_LABELS[line.kind].label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {line.kind === 'invoice' || line.kind === 'credit_note' ? (
                      <RouterAnchor
                        to="/receivables/invoices/$invoiceId"
                        params={{ invoiceId: line.id }}
                        size="sm"
                      >
                        {line.description}
                      </RouterAnchor>
                    ) : line.kind === 'payment' || line.kind === 'payment_reversal' ? (
                      <RouterAnchor
                        to="/receivables/payments/$paymentId"
                        params={{ paymentId: line.id }}
                        size="sm"
                      >
                        {line.description}
                      </RouterAnchor>
                    ) : (
                      line.description
                    )}
                  </Table.Td>
                  <Table.Td
                    ta="right"
                    c={line.amount < 0 ? 'teal' : undefined}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {m(line.amount)}
                  </Table.Td>
                  <Table.Td ta="right" fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {m(line.balance)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
