import { Modal, MultiSelect, Select, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { invoicesApi, promisesApi } from '../../api/endpoints.js';
import { PROMISE_CHANNELS, type PromiseChannel, type PromiseToPay } from '../../api/types.js';
import { ModalForm } from '../../components/ModalForm.js';
import { fieldErrors, formError } from '../../lib/fieldErrors.js';
import { formatMoney, parseMoneyInput, toDecimalString } from '../../lib/money.js';
import { CustomerSelect } from '../invoices/CustomerSelect.js';
import { addDaysIso, CHANNEL_LABELS, todayIso } from './access.js';

const CHANNEL_OPTIONS = PROMISE_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));

/** A customer's open invoices (issued, something left to pay), for pickers. */
export function useOpenInvoices(customerId: string | null) {
  return useQuery({
    queryKey: ['invoices', 'list', { customerId, open: true }],
    queryFn: async () =>
      (await invoicesApi.list({ customerId, kind: 'invoice', status: 'issued', limit: 200 })).items.filter(
        (i) => i.openAmount > 0,
      ),
    enabled: !!customerId,
  });
}

/**
 * Record who promised to pay what by when, on which invoices; their reminders pause through that date.
 * Opened from the promises list (any customer), a customer page or an invoice page (pre-filled).
 */
export function RecordPromiseModal(props: {
  customerId?: string;
  invoiceIds?: string[];
  onClose: () => void;
  onRecorded?: (promise: PromiseToPay) => void;
}) {
  const queryClient = useQueryClient();
  const [customerId, setCustomerId] = useState<string | null>(props.customerId ?? null);
  const [invoiceIds, setInvoiceIds] = useState<string[]>(props.invoiceIds ?? []);
  const [amount, setAmount] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const [promisedDate, setPromisedDate] = useState(addDaysIso(todayIso(), 7));
  const [contactName, setContactName] = useState('');
  const [channel, setChannel] = useState<PromiseChannel>('call');
  const [note, setNote] = useState('');
  const invoices = useOpenInvoices(customerId);
  const chosen = (invoices.data ?? []).filter((i) => invoiceIds.includes(i.id));
  const currency = chosen[0]?.currency ?? invoices.data?.[0]?.currency ?? 'EUR';
  const openTotal = chosen.reduce((sum, i) => sum + i.openAmount, 0);

  const record = useMutation({
    mutationFn: (minor: number) =>
      promisesApi.record({
        customerId: customerId ?? '',
        invoiceIds,
        amount: minor,
        promisedDate,
        contactName,
        channel,
        note: note.trim() || null,
      }),
    onSuccess: (promise) => {
      void queryClient.invalidateQueries({ queryKey: ['promises'] });
      void queryClient.invalidateQueries({ queryKey: ['followup'] });
      void queryClient.invalidateQueries({ queryKey: ['timeline', promise.customerId] });
      notifications.show({
        color: 'teal',
        title: 'Promise recorded',
        message: `${formatMoney(promise.amount, promise.currency)} by ${promise.promisedDate}; reminders pause until then.`,
      });
      props.onRecorded?.(promise);
      props.onClose();
    },
  });
  const errors = fieldErrors(record.error);

  function submit() {
    const parsed = parseMoneyInput(amount, currency);
    if ('error' in parsed) {
      setAmountError(`Amount ${parsed.error}`);
      return;
    }
    setAmountError(null);
    record.mutate(parsed.minor);
  }

  return (
    <Modal opened onClose={props.onClose} title="Record a promise to pay" size="lg">
      <ModalForm
        message={formError(record.error, [
          'customerId',
          'invoiceIds',
          'amount',
          'promisedDate',
          'contactName',
          'channel',
          'note',
        ])}
        submitLabel="Record promise"
        submitting={record.isPending}
        onSubmit={submit}
        onCancel={props.onClose}
      >
        {props.customerId ? null : (
          <CustomerSelect
            label="Customer"
            value={customerId}
            onChange={(id) => {
              setCustomerId(id);
              setInvoiceIds([]);
            }}
            required
            error={errors.customerId}
          />
        )}
        <MultiSelect
          label="Invoices"
          description="The open invoices the promise covers"
          placeholder={customerId ? 'Choose invoices' : 'Choose a customer first'}
          disabled={!customerId}
          data={(invoices.data ?? []).map((i) => ({
            value: i.id,
            label: `${i.number} · ${formatMoney(i.openAmount, i.currency)} open${i.overdue ? `, ${i.daysOverdue} days overdue` : ''}`,
          }))}
          value={invoiceIds}
          onChange={setInvoiceIds}
          error={errors.invoiceIds}
          required
        />
        <TextInput
          label={`Amount (${currency})`}
          description={
            openTotal > 0 ? `${formatMoney(openTotal, currency)} open on the chosen invoices` : undefined
          }
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          rightSection={
            openTotal > 0 ? (
              <Text
                size="xs"
                c="blue"
                style={{ cursor: 'pointer' }}
                onClick={() => setAmount(toDecimalString(openTotal, currency))}
              >
                All
              </Text>
            ) : null
          }
          error={amountError ?? errors.amount}
          required
        />
        <TextInput
          label="Promised date"
          type="date"
          value={promisedDate}
          onChange={(e) => setPromisedDate(e.currentTarget.value)}
          error={errors.promisedDate}
          required
        />
        <TextInput
          label="Who promised"
          placeholder="Name of the person"
          value={contactName}
          onChange={(e) => setContactName(e.currentTarget.value)}
          error={errors.contactName}
          required
        />
        <Select
          label="How"
          data={CHANNEL_OPTIONS}
          value={channel}
          onChange={(v) => setChannel((v as PromiseChannel | null) ?? 'call')}
          allowDeselect={false}
          error={errors.channel}
        />
        <Textarea
          label="Note"
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
        />
      </ModalForm>
    </Modal>
  );
}
