import { Badge, Group } from '@mantine/core';
import type { InvoiceSummary, PaymentAllocationState, PaymentMethod } from '../../api/types.js';

const PAYMENT_STATE_LABELS: Record<string, { label: string; color: string }> = {
  unpaid: { label: 'Unpaid', color: 'blue' },
  partially_paid: { label: 'Partially paid', color: 'yellow' },
  paid: { label: 'Paid', color: 'teal' },
};

/** The state of an invoice or credit note: draft / void / its payment state, and overdue days. */
export function InvoiceStateBadges(props: { invoice: InvoiceSummary }) {
  const { invoice } = props;
  const credit = invoice.kind === 'credit_note';
  return (
    <Group gap={4} wrap="nowrap">
      {invoice.status === 'draft' ? (
        <Badge variant="light" color="gray" radius="sm">
          Draft
        </Badge>
      ) : null}
      {invoice.status === 'void' ? (
        <Badge variant="light" color="gray" radius="sm">
          Void
        </Badge>
      ) : null}
      {invoice.status === 'issued' && invoice.paymentState ? (
        <Badge
          variant="light"
          color={PAYMENT_STATE_LABELS[invoice.paymentState]?.color ?? 'gray'}
          radius="sm"
        >
          {credit
            ? invoice.paymentState === 'paid'
              ? 'Used'
              : invoice.paymentState === 'unpaid'
                ? 'Unused'
                : 'Partly used'
            : (PAYMENT_STATE_LABELS[invoice.paymentState]?.label ?? invoice.paymentState)}
        </Badge>
      ) : null}
      {invoice.overdue ? (
        <Badge variant="filled" color="red" radius="sm">
          Overdue {invoice.daysOverdue} {invoice.daysOverdue === 1 ? 'day' : 'days'}
        </Badge>
      ) : null}
    </Group>
  );
}

export const KIND_LABELS = { invoice: 'Invoice', credit_note: 'Credit note' } as const;

export const METHOD_LABELS: Record<PaymentMethod, string> = {
  bank_transfer: 'Bank transfer',
  cheque: 'Cheque',
  card: 'Card',
  online: 'Online',
  cash: 'Cash',
};

const ALLOCATION_STATE: Record<PaymentAllocationState, { label: string; color: string }> = {
  applied: { label: 'Applied', color: 'teal' },
  partially_applied: { label: 'Partially applied', color: 'yellow' },
  unapplied: { label: 'Unapplied', color: 'blue' },
  reversed: { label: 'Reversed', color: 'red' },
};

export const PAYMENT_STATE_OPTIONS = Object.entries(ALLOCATION_STATE).map(([value, { label }]) => ({
  value,
  label,
}));

export function PaymentStateBadge(props: { state: PaymentAllocationState }) {
  const s = ALLOCATION_STATE[props.state];
  return (
    <Badge variant="light" color={s.color} radius="sm">
      {s.label}
    </Badge>
  );
}

/** "INV-2026-000001", or "Draft" for a document without a number yet. */
export function documentName(invoice: { number: string | null; kind: 'invoice' | 'credit_note' }): string {
  return invoice.number ?? `Draft ${invoice.kind === 'credit_note' ? 'credit note' : 'invoice'}`;
}
