import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { type InvoiceFilters, invoicesApi } from '../../api/endpoints.js';
import { PagedTable } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCursorList } from '../../lib/useCursorList.js';
import { CURRENCY_OPTIONS } from '../customers/countries.js';
import { useCanWriteReceivables } from './access.js';
import { CustomerSelect } from './CustomerSelect.js';
import { INVOICE_COLUMNS, InvoiceRow } from './InvoiceRow.js';

const STATUS_OPTIONS = [
  { value: 'draft', label: 'Draft' },
  { value: 'issued', label: 'Issued' },
  { value: 'void', label: 'Void' },
];
const PAYMENT_OPTIONS = [
  { value: 'unpaid', label: 'Unpaid' },
  { value: 'partially_paid', label: 'Partially paid' },
  { value: 'paid', label: 'Paid' },
];
const KIND_OPTIONS = [
  { value: 'invoice', label: 'Invoices' },
  { value: 'credit_note', label: 'Credit notes' },
];
const OVERDUE_OPTIONS = [
  { value: 'true', label: 'Overdue' },
  { value: 'false', label: 'Not overdue' },
];

const pick = <T extends string>(value: string | null, options: readonly { value: string }[]): T | null =>
  options.some((o) => o.value === value) ? (value as T) : null;

export function InvoicesPage() {
  const navigate = useNavigate();
  const canWrite = useCanWriteReceivables();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [paymentState, setPaymentState] = useState<string | null>(null);
  const [overdue, setOverdue] = useState<string | null>(null);
  const [currency, setCurrency] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  const filters: InvoiceFilters = {
    q: debouncedQ,
    customerId,
    kind: pick(kind, KIND_OPTIONS),
    status: pick(status, STATUS_OPTIONS),
    paymentState: pick(paymentState, PAYMENT_OPTIONS),
    overdue: pick(overdue, OVERDUE_OPTIONS),
    currency,
    from: from || null,
    to: to || null,
  };
  const list = useCursorList(['invoices', 'list', filters], (page) =>
    invoicesApi.list({ ...filters, ...page }),
  );
  const filtered = Object.values(filters).some((v) => v);

  return (
    <>
      <PageHeader
        title="Invoices"
        description="Invoices and credit notes: drafts, what is issued, what is paid and what is overdue."
        actions={
          canWrite ? (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => void navigate({ to: '/receivables/invoices/new', search: {} })}
            >
              New invoice
            </Button>
          ) : null
        }
      />
      <PagedTable
        list={list}
        label="Invoices"
        minWidth={1000}
        columns={INVOICE_COLUMNS}
        empty={filtered ? 'No invoices match these filters.' : 'No invoices yet. Create the first one.'}
        noun="document"
        toolbar={
          <Group mb="md" gap="sm" align="flex-end">
            <TextInput
              label="Number"
              placeholder="INV-2026-000123 or RF…"
              leftSection={<IconSearch size={16} />}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              w={220}
            />
            <CustomerSelect
              value={customerId}
              onChange={(id) => setCustomerId(id)}
              clearable
              placeholder="Any customer"
              w={240}
            />
            <Select
              label="Type"
              placeholder="All"
              data={KIND_OPTIONS}
              value={kind}
              onChange={setKind}
              clearable
              w={140}
            />
            <Select
              label="Status"
              placeholder="Any status"
              data={STATUS_OPTIONS}
              value={status}
              onChange={setStatus}
              clearable
              w={130}
            />
            <Select
              label="Payment"
              placeholder="Any"
              data={PAYMENT_OPTIONS}
              value={paymentState}
              onChange={setPaymentState}
              clearable
              w={150}
            />
            <Select
              label="Overdue"
              placeholder="Any"
              data={OVERDUE_OPTIONS}
              value={overdue}
              onChange={setOverdue}
              clearable
              w={140}
            />
            <Select
              label="Currency"
              placeholder="Any"
              searchable
              data={CURRENCY_OPTIONS}
              value={currency}
              onChange={setCurrency}
              clearable
              w={150}
            />
            <TextInput
              label="Issued from"
              type="date"
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              w={150}
            />
            <TextInput
              label="Issued to"
              type="date"
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              w={150}
            />
          </Group>
        }
        row={(invoice) => <InvoiceRow invoice={invoice} />}
      />
    </>
  );
}
