import { Grid, Modal, SegmentedControl, Select, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { isApiError, newIdempotencyKey } from '../../api/client.js';
import { paymentsApi } from '../../api/endpoints.js';
import type { PaymentDetail, PaymentMethod, RecordPaymentInput } from '../../api/types.js';
import { PAYMENT_METHODS } from '../../api/types.js';
import { ModalForm } from '../../components/ModalForm.js';
import { formError } from '../../lib/fieldErrors.js';
import { currencyExponent, formatMoney, parseMoneyInput, toDecimalString } from '../../lib/money.js';
import { CURRENCY_OPTIONS } from '../customers/countries.js';
import { pathErrors } from '../customers/formErrors.js';
import { METHOD_LABELS } from '../invoices/badges.js';
import { CustomerSelect } from '../invoices/CustomerSelect.js';
import { todayIso } from '../invoices/dates.js';

export interface PaymentPrefill {
  customerId?: string;
  currency?: string;
  /** Minor units. */
  amount?: number;
  reference?: string;
  autoAllocate?: boolean;
}

const FIELDS = [
  'method',
  'customerId',
  'amount',
  'currency',
  'receivedDate',
  'reference',
  'notes',
  'payerName',
  'payerIban',
  'bankReference',
  'valueDate',
  'chequeNumber',
  'draweeBank',
  'depositDate',
  'providerReference',
  'receiptNumber',
  'autoAllocate',
];

const asMethod = (v: string): PaymentMethod => PAYMENT_METHODS.find((m) => m === v) ?? 'bank_transfer';
const orNull = (v: string) => (v.trim() ? v.trim() : null);

/**
 * Record a payment of any method, with the fields of that method; optionally allocated at once (by the
 * invoice number or RF reference in its reference, else oldest due first; the rest goes on account).
 */
export function RecordPaymentModal(props: {
  prefill?: PaymentPrefill;
  onClose: () => void;
  onRecorded?: (payment: PaymentDetail) => void;
}) {
  const prefill = props.prefill ?? {};
  const queryClient = useQueryClient();
  const idempotencyKey = useRef(newIdempotencyKey());
  const [method, setMethod] = useState<PaymentMethod>('bank_transfer');
  const [customerId, setCustomerId] = useState<string | null>(prefill.customerId ?? null);
  const [currency, setCurrency] = useState<string | null>(prefill.currency ?? null);
  const [amount, setAmount] = useState(
    prefill.amount && prefill.currency ? toDecimalString(prefill.amount, prefill.currency) : '',
  );
  const [amountError, setAmountError] = useState<string | null>(null);
  const [receivedDate, setReceivedDate] = useState(todayIso());
  const [reference, setReference] = useState(prefill.reference ?? '');
  const [notes, setNotes] = useState('');
  const [autoAllocate, setAutoAllocate] = useState(prefill.autoAllocate ?? true);
  const [f, setF] = useState({
    payerName: '',
    payerIban: '',
    bankReference: '',
    valueDate: '',
    chequeNumber: '',
    draweeBank: '',
    depositDate: '',
    providerReference: '',
    receiptNumber: '',
  });
  const field = (key: keyof typeof f) => ({
    value: f[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setF((prev) => ({ ...prev, [key]: value }));
    },
  });

  const record = useMutation({
    mutationFn: () => {
      const cur = currency ?? '';
      const parsed = parseMoneyInput(amount, cur || 'EUR');
      if ('error' in parsed) {
        setAmountError(`Amount ${parsed.error}`);
        return Promise.reject(new Error('Please correct the highlighted fields.'));
      }
      setAmountError(null);
      const common = {
        customerId: customerId ?? '',
        amount: parsed.minor,
        currency: cur,
        receivedDate,
        reference: orNull(reference),
        notes: orNull(notes),
        autoAllocate,
      };
      let input: RecordPaymentInput;
      if (method === 'bank_transfer')
        input = {
          ...common,
          method,
          payerName: orNull(f.payerName),
          payerIban: orNull(f.payerIban),
          bankReference: orNull(f.bankReference),
          valueDate: orNull(f.valueDate),
        };
      else if (method === 'cheque')
        input = {
          ...common,
          method,
          chequeNumber: f.chequeNumber.trim(),
          draweeBank: orNull(f.draweeBank),
          depositDate: orNull(f.depositDate),
        };
      else if (method === 'cash') input = { ...common, method, receiptNumber: orNull(f.receiptNumber) };
      else input = { ...common, method, providerReference: orNull(f.providerReference) };
      return paymentsApi.record(input, idempotencyKey.current);
    },
    onError: (error) => {
      // A refused request recorded nothing: the corrected one is a new request with its own key.
      // (After a network error the key is kept, so a retry cannot record the payment twice.)
      if (isApiError(error) && error.status >= 400 && error.status < 500)
        idempotencyKey.current = newIdempotencyKey();
    },
    onSuccess: (payment) => {
      for (const key of ['payments', 'invoices', 'accounts', 'reports', 'allocations'])
        void queryClient.invalidateQueries({ queryKey: [key] });
      const applied = payment.appliedAmount;
      notifications.show({
        color: 'teal',
        title: 'Payment recorded',
        message:
          applied > 0
            ? `${formatMoney(payment.amount, payment.currency)}; ${formatMoney(applied, payment.currency)} allocated to invoices.`
            : `${formatMoney(payment.amount, payment.currency)}, not allocated yet.`,
      });
      props.onRecorded?.(payment);
      props.onClose();
    },
  });
  const errors = pathErrors(record.error);
  const exponent = currency ? currencyExponent(currency) : 2;

  return (
    <Modal opened onClose={props.onClose} title="Record payment" size="lg">
      <ModalForm
        message={formError(record.error, FIELDS)}
        submitLabel="Record payment"
        submitting={record.isPending}
        onSubmit={() => record.mutate()}
        onCancel={props.onClose}
      >
        <SegmentedControl
          aria-label="Method"
          fullWidth
          value={method}
          onChange={(v) => setMethod(asMethod(v))}
          data={PAYMENT_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }))}
        />
        <Grid gap="sm">
          <Grid.Col span={12}>
            <CustomerSelect
              required
              value={customerId}
              onChange={(id, customer) => {
                setCustomerId(id);
                if (customer && !currency) setCurrency(customer.currency);
              }}
              error={errors.customerId}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <TextInput
              label="Amount"
              required
              inputMode="decimal"
              placeholder={exponent === 0 ? 'No decimals' : `Up to ${exponent} decimals`}
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              error={amountError ?? errors.amount}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <Select
              label="Currency"
              required
              searchable
              data={CURRENCY_OPTIONS}
              value={currency}
              onChange={setCurrency}
              error={errors.currency}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Received on"
              type="date"
              required
              value={receivedDate}
              onChange={(e) => setReceivedDate(e.currentTarget.value)}
              error={errors.receivedDate}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <TextInput
              label="Reference"
              description="As given by the payer: an invoice number or RF reference here lets it be allocated automatically"
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={errors.reference}
            />
          </Grid.Col>

          {method === 'bank_transfer' ? (
            <>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label="Payer name" {...field('payerName')} error={errors.payerName} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label="Payer IBAN"
                  placeholder="FR76 3000 6000 0112 3456 7890 189"
                  {...field('payerIban')}
                  error={errors.payerIban}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label="Bank reference"
                  description="Or end-to-end id"
                  {...field('bankReference')}
                  error={errors.bankReference}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label="Value date"
                  type="date"
                  description=" "
                  {...field('valueDate')}
                  error={errors.valueDate}
                />
              </Grid.Col>
            </>
          ) : null}
          {method === 'cheque' ? (
            <>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label="Cheque number"
                  required
                  {...field('chequeNumber')}
                  error={errors.chequeNumber}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput label="Bank" {...field('draweeBank')} error={errors.draweeBank} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label="Deposit date"
                  type="date"
                  {...field('depositDate')}
                  error={errors.depositDate}
                />
              </Grid.Col>
            </>
          ) : null}
          {method === 'card' || method === 'online' ? (
            <Grid.Col span={12}>
              <TextInput
                label="Provider reference"
                description="The card terminal or payment provider's transaction id"
                {...field('providerReference')}
                error={errors.providerReference}
              />
            </Grid.Col>
          ) : null}
          {method === 'cash' ? (
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label="Receipt number" {...field('receiptNumber')} error={errors.receiptNumber} />
            </Grid.Col>
          ) : null}
          <Grid.Col span={12}>
            <Textarea
              label="Notes"
              autosize
              minRows={1}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              error={errors.notes}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Switch
              label="Allocate automatically"
              description="To the invoices named in the reference, else the oldest due first; anything left goes on the customer's account"
              checked={autoAllocate}
              onChange={(e) => setAutoAllocate(e.currentTarget.checked)}
            />
            {!autoAllocate ? (
              <Text size="xs" c="dimmed" mt={4}>
                The payment stays unapplied until you allocate it.
              </Text>
            ) : null}
          </Grid.Col>
        </Grid>
      </ModalForm>
    </Modal>
  );
}
