import { Table, Text } from '@mantine/core';
import type { Payment } from '../../api/types.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formatDate } from '../../lib/format.js';
import { formatMoney } from '../../lib/money.js';
import { METHOD_LABELS, PaymentStateBadge } from '../invoices/badges.js';
import { CustomerLink } from '../invoices/CustomerSelect.js';

export const PAYMENT_COLUMNS = [
  'Received',
  'Customer',
  'Method',
  'Reference',
  { label: 'Amount', ta: 'right' as const },
  { label: 'Unapplied', ta: 'right' as const },
  'State',
];
export const CUSTOMER_PAYMENT_COLUMNS = PAYMENT_COLUMNS.filter((c) => c !== 'Customer');

/** The most telling reference of a payment for its method. */
export function paymentReference(p: Payment): string | null {
  if (p.method === 'cheque' && p.chequeNumber) return `Cheque ${p.chequeNumber}`;
  return p.reference ?? p.bankReference ?? p.providerReference ?? p.receiptNumber ?? p.payerName;
}

export function PaymentRow(props: { payment: Payment; withCustomer?: boolean }) {
  const { payment: p } = props;
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <RouterAnchor to="/receivables/payments/$paymentId" params={{ paymentId: p.id }} size="sm">
          {formatDate(p.receivedDate)}
        </RouterAnchor>
      </Table.Td>
      {props.withCustomer === false ? null : (
        <Table.Td>
          <CustomerLink customerId={p.customerId} />
        </Table.Td>
      )}
      <Table.Td>{METHOD_LABELS[p.method]}</Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={1} maw={260}>
          {paymentReference(p) ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" td={p.status === 'reversed' ? 'line-through' : undefined}>
          {formatMoney(p.amount, p.currency)}
        </Text>
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {p.unappliedAmount > 0 && p.status !== 'reversed' ? formatMoney(p.unappliedAmount, p.currency) : '—'}
      </Table.Td>
      <Table.Td>
        <PaymentStateBadge state={p.state} />
      </Table.Td>
    </Table.Tr>
  );
}
