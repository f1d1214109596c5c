import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { type PaymentFilters, paymentsApi } from '../../api/endpoints.js';
import { PAYMENT_ALLOCATION_STATES, PAYMENT_METHODS } from '../../api/types.js';
import { PagedTable } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCursorList } from '../../lib/useCursorList.js';
import { CURRENCY_OPTIONS } from '../customers/countries.js';
import { useCanWriteReceivables } from '../invoices/access.js';
import { METHOD_LABELS, PAYMENT_STATE_OPTIONS } from '../invoices/badges.js';
import { CustomerSelect } from '../invoices/CustomerSelect.js';
import { PAYMENT_COLUMNS, PaymentRow } from './PaymentRow.js';
import { RecordPaymentModal } from './RecordPaymentModal.js';

const METHOD_OPTIONS = PAYMENT_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }));

export function PaymentsPage() {
  const navigate = useNavigate();
  const canWrite = useCanWriteReceivables();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [method, setMethod] = useState<string | null>(null);
  const [state, setState] = useState<string | null>(null);
  const [currency, setCurrency] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [recording, setRecording] = useState(false);

  const filters: PaymentFilters = {
    q: debouncedQ,
    customerId,
    method: PAYMENT_METHODS.find((m) => m === method) ?? null,
    state: PAYMENT_ALLOCATION_STATES.find((s) => s === state) ?? null,
    currency,
    from: from || null,
    to: to || null,
  };
  const list = useCursorList(['payments', 'list', filters], (page) =>
    paymentsApi.list({ ...filters, ...page }),
  );
  const filtered = Object.values(filters).some((v) => v);

  return (
    <>
      <PageHeader
        title="Payments"
        description="Money received by every method, and how much of it is allocated to invoices."
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setRecording(true)}>
              Record payment
            </Button>
          ) : null
        }
      />
      <PagedTable
        list={list}
        label="Payments"
        minWidth={950}
        columns={PAYMENT_COLUMNS}
        empty={filtered ? 'No payments match these filters.' : 'No payments recorded yet.'}
        noun="payment"
        toolbar={
          <Group mb="md" gap="sm" align="flex-end">
            <TextInput
              label="Search"
              placeholder="Reference, payer, cheque number"
              leftSection={<IconSearch size={16} />}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              w={260}
            />
            <CustomerSelect
              value={customerId}
              onChange={(id) => setCustomerId(id)}
              clearable
              placeholder="Any customer"
              w={240}
            />
            <Select
              label="Method"
              placeholder="Any"
              data={METHOD_OPTIONS}
              value={method}
              onChange={setMethod}
              clearable
              w={150}
            />
            <Select
              label="State"
              placeholder="Any"
              data={PAYMENT_STATE_OPTIONS}
              value={state}
              onChange={setState}
              clearable
              w={170}
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
              label="Received from"
              type="date"
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              w={150}
            />
            <TextInput
              label="Received to"
              type="date"
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              w={150}
            />
          </Group>
        }
        row={(payment) => <PaymentRow payment={payment} />}
      />
      {recording ? (
        <RecordPaymentModal
          onClose={() => setRecording(false)}
          onRecorded={(payment) =>
            void navigate({ to: '/receivables/payments/$paymentId', params: { paymentId: payment.id } })
          }
        />
      ) : null}
    </>
  );
}
