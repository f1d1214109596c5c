import { Alert, Button, Group, Modal, Switch, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { invoicesApi, paymentsApi } from '../../api/endpoints.js';
import type { PaymentDetail } from '../../api/types.js';
import { ModalForm } from '../../components/ModalForm.js';
import { formError } from '../../lib/fieldErrors.js';
import { formatDate } from '../../lib/format.js';
import { formatMoney, parseMoneyInput, toDecimalString } from '../../lib/money.js';
import { pathErrors } from '../customers/formErrors.js';
import { InvoiceStateBadges } from '../invoices/badges.js';

/**
 * Allocate what is left of a payment to open invoices of its customer (same currency), with an amount
 * per invoice; what remains can go on the customer's account as credit.
 */
export function AllocateModal(props: { payment: PaymentDetail; onClose: () => void }) {
  const { payment } = props;
  const queryClient = useQueryClient();
  const open = useQuery({
    queryKey: [
      'invoices',
      'list',
      { customerId: payment.customerId, currency: payment.currency, open: true },
    ],
    queryFn: () =>
      invoicesApi.list({
        customerId: payment.customerId,
        currency: payment.currency,
        kind: 'invoice',
        status: 'issued',
        limit: 500,
      }),
    select: (page) =>
      page.items
        .filter((i) => i.openAmount > 0)
        .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.id.localeCompare(b.id)),
  });
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [creditRemainder, setCreditRemainder] = useState(false);
  const [amountErrors, setAmountErrors] = useState<Record<string, string>>({});
  const cur = payment.currency;
  const invoices = open.data ?? [];

  const parsed = invoices.map((i) => {
    const text = (amounts[i.id] ?? '').trim();
    const result = text ? parseMoneyInput(text, cur) : { minor: 0 };
    return { invoice: i, text, result };
  });
  const total = parsed.reduce((sum, p) => sum + ('minor' in p.result ? p.result.minor : 0), 0);
  const remainder = payment.unappliedAmount - total;

  function fillOldestFirst() {
    let left = payment.unappliedAmount;
    const next: Record<string, string> = {};
    for (const i of invoices) {
      const share = Math.min(left, i.openAmount);
      if (share <= 0) break;
      next[i.id] = toDecimalString(share, cur);
      left -= share;
    }
    setAmounts(next);
  }

  const allocate = useMutation({
    mutationFn: () => {
      const errs: Record<string, string> = {};
      for (const p of parsed) if ('error' in p.result) errs[p.invoice.id] = `Amount ${p.result.error}`;
      setAmountErrors(errs);
      if (Object.keys(errs).length > 0)
        return Promise.reject(new Error('Please correct the highlighted amounts.'));
      const allocations = parsed
        .filter((p) => 'minor' in p.result && p.result.minor > 0)
        .map((p) => ({ invoiceId: p.invoice.id, amount: 'minor' in p.result ? p.result.minor : 0 }));
      return paymentsApi.allocate(payment.id, { allocations, creditRemainder });
    },
    onSuccess: (result) => {
      for (const key of ['payments', 'invoices', 'accounts', 'reports', 'allocations'])
        void queryClient.invalidateQueries({ queryKey: [key] });
      notifications.show({
        color: 'teal',
        title: 'Payment allocated',
        message: `${formatMoney(result.payment.appliedAmount, cur)} of ${formatMoney(result.payment.amount, cur)} is allocated.`,
      });
      props.onClose();
    },
  });
  const errors = pathErrors(allocate.error);

  return (
    <Modal opened onClose={props.onClose} title="Allocate payment" size="xl">
      <ModalForm
        message={formError(allocate.error, ['allocations', 'creditRemainder'])}
        submitLabel="Allocate"
        submitting={allocate.isPending}
        onSubmit={() => allocate.mutate()}
        onCancel={props.onClose}
      >
        <Group justify="space-between">
          <Text size="sm">
            To allocate: <b>{formatMoney(payment.unappliedAmount, cur)}</b> of{' '}
            {formatMoney(payment.amount, cur)}
          </Text>
          <Button size="xs" variant="light" onClick={fillOldestFirst} disabled={invoices.length === 0}>
            Fill oldest due first
          </Button>
        </Group>
        {open.isSuccess && invoices.length === 0 ? (
          <Alert color="blue">
            This customer has no open invoice in {cur}. The payment can go on the account as credit.
          </Alert>
        ) : (
          <Table aria-label="Open invoices" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Invoice</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th ta="right">Open</Table.Th>
                <Table.Th w={170}>Allocate</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {parsed.map(({ invoice, text }, index) => (
                <Table.Tr key={invoice.id}>
                  <Table.Td ff="monospace">{invoice.number}</Table.Td>
                  <Table.Td>{formatDate(invoice.dueDate)}</Table.Td>
                  <Table.Td>
                    <InvoiceStateBadges invoice={invoice} />
                  </Table.Td>
                  <Table.Td ta="right">{formatMoney(invoice.openAmount, cur)}</Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      aria-label={`Amount for ${invoice.number}`}
                      inputMode="decimal"
                      placeholder="0"
                      value={text}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        setAmounts((a) => ({ ...a, [invoice.id]: value }));
                      }}
                      error={amountErrors[invoice.id] ?? errors[`allocations.${index}.amount`]}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="space-between">
          <Text size="sm">
            Allocated: <b>{formatMoney(total, cur)}</b> · Remainder:{' '}
            <Text span c={remainder < 0 ? 'red' : undefined} fw={700}>
              {formatMoney(remainder, cur)}
            </Text>
          </Text>
          <Switch
            label="Put the remainder on the customer's account"
            checked={creditRemainder}
            onChange={(e) => setCreditRemainder(e.currentTarget.checked)}
            disabled={remainder <= 0}
          />
        </Group>
      </ModalForm>
    </Modal>
  );
}
