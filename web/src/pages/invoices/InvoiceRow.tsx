import { Table, Text } from '@mantine/core';
import type { InvoiceSummary } from '../../api/types.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formatDate } from '../../lib/format.js';
import { formatMoney } from '../../lib/money.js';
import { documentName, InvoiceStateBadges } from './badges.js';
import { CustomerLink } from './CustomerSelect.js';

export const INVOICE_COLUMNS = [
  'Number',
  'Customer',
  'Issued',
  'Due',
  { label: 'Gross', ta: 'right' as const },
  { label: 'Open', ta: 'right' as const },
  'State',
];

/** Without the customer column (a customer's own list). */
export const CUSTOMER_INVOICE_COLUMNS = INVOICE_COLUMNS.filter((c) => c !== 'Customer');

export function InvoiceRow(props: { invoice: InvoiceSummary; withCustomer?: boolean }) {
  const { invoice } = props;
  const m = (minor: number) => formatMoney(minor, invoice.currency);
  return (
    <Table.Tr>
      <Table.Td>
        <RouterAnchor
          to="/receivables/invoices/$invoiceId"
          params={{ invoiceId: invoice.id }}
          size="sm"
          ff={invoice.number ? 'monospace' : undefined}
          fs={invoice.number ? undefined : 'italic'}
          style={{ whiteSpace: 'nowrap' }}
        >
          {documentName(invoice)}
        </RouterAnchor>
        {invoice.kind === 'credit_note' && invoice.number ? (
          <Text size="xs" c="dimmed">
            Credit note
          </Text>
        ) : null}
      </Table.Td>
      {props.withCustomer === false ? null : (
        <Table.Td>
          <CustomerLink customerId={invoice.customerId} name={invoice.customerName} />
        </Table.Td>
      )}
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(invoice.issueDate)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {invoice.kind === 'invoice' ? formatDate(invoice.dueDate) : '—'}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {m(invoice.grossTotal)}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} fw={invoice.openAmount > 0 ? 500 : undefined}>
        {invoice.status === 'draft' ? '—' : m(invoice.openAmount)}
      </Table.Td>
      <Table.Td>
        <InvoiceStateBadges invoice={invoice} />
      </Table.Td>
    </Table.Tr>
  );
}
