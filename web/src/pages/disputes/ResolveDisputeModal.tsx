import {
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { disputesApi, ordersApi } from '../../api/endpoints.js';
import type { DisputeDetail, DisputeResolution, ResolveDisputeInput } from '../../api/types.js';
import { ModalForm } from '../../components/ModalForm.js';
import { fieldErrors, formError } from '../../lib/fieldErrors.js';
import { formatMoney, parseMoneyInput, toDecimalString } from '../../lib/money.js';
import { RESOLUTION_LABELS } from './access.js';

const HELP: Record<DisputeResolution, string> = {
  credit_note:
    'Issues a credit note for the amount (at the invoice VAT rates) and applies it to the invoice. The whole untouched invoice is credited in full and becomes void.',
  write_off: 'Writes the amount off the invoice; only within the write-off tolerance of the currency.',
  reship: 'Creates a replacement shipment of the chosen order lines; the invoice stays as it is.',
  rejected: 'Closes the case without a change: reminders of the invoice resume.',
};

/** Resolve a case by credit note, write-off or reship, or reject it. */
export function ResolveDisputeModal(props: { dispute: DisputeDetail; onClose: () => void }) {
  const { dispute } = props;
  const queryClient = useQueryClient();
  const [resolution, setResolution] = useState<DisputeResolution>('credit_note');
  const [note, setNote] = useState('');
  const [amount, setAmount] = useState(toDecimalString(dispute.amount, dispute.currency));
  const [amountError, setAmountError] = useState<string | null>(null);
  const [orderId, setOrderId] = useState('');
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const order = useQuery({
    queryKey: ['orders', 'detail', orderId.trim()],
    queryFn: () => ordersApi.get(orderId.trim()),
    enabled: resolution === 'reship' && orderId.trim().length > 3,
    retry: false,
  });
  const customerOrders = useQuery({
    queryKey: ['orders', 'list', { customerId: dispute.customerId, forReship: true }],
    queryFn: () => ordersApi.list({ customerId: dispute.customerId, limit: 50 }),
    enabled: resolution === 'reship',
  });

  const resolve = useMutation({
    mutationFn: (input: ResolveDisputeInput) => disputesApi.resolve(dispute.id, input),
    onSuccess: (resolved) => {
      queryClient.setQueryData(['disputes', 'detail', resolved.id], resolved);
      void queryClient.invalidateQueries({ queryKey: ['disputes', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['invoices'] });
      void queryClient.invalidateQueries({ queryKey: ['timeline', dispute.customerId] });
      notifications.show({
        color: 'teal',
        title: `Dispute ${resolved.number} ${resolved.status}`,
        message: RESOLUTION_LABELS[resolution],
      });
      props.onClose();
    },
  });
  const errors = fieldErrors(resolve.error);
  const submit = () => {
    const input: ResolveDisputeInput = { resolution, note };
    if (resolution === 'credit_note' || resolution === 'write_off') {
      const parsed = parseMoneyInput(amount, dispute.currency);
      if ('error' in parsed) {
        setAmountError(parsed.error);
        return;
      }
      input.amount = parsed.minor;
    }
    if (resolution === 'reship') {
      input.orderId = orderId.trim();
      input.lines = Object.entries(quantities)
        .filter(([, q]) => q > 0)
        .map(([orderLineId, quantity]) => ({ orderLineId, quantity }));
    }
    setAmountError(null);
    resolve.mutate(input);
  };

  return (
    <Modal opened onClose={props.onClose} title={`Resolve ${dispute.number}`} size="lg">
      <ModalForm
        message={formError(resolve.error, ['resolution', 'note', 'amount', 'orderId', 'lines'])}
        submitLabel={resolution === 'rejected' ? 'Reject dispute' : 'Resolve dispute'}
        submitting={resolve.isPending}
        onSubmit={submit}
        onCancel={props.onClose}
      >
        <SegmentedControl
          aria-label="Resolution"
          value={resolution}
          onChange={(v) => setResolution(v as DisputeResolution)}
          data={(['credit_note', 'write_off', 'reship', 'rejected'] as const).map((r) => ({
            value: r,
            label: RESOLUTION_LABELS[r],
          }))}
        />
        <Text size="sm" c="dimmed">
          {HELP[resolution]}
        </Text>
        {resolution === 'credit_note' || resolution === 'write_off' ? (
          <TextInput
            label={`Amount (${dispute.currency})`}
            description={`At most the disputed ${formatMoney(dispute.amount, dispute.currency)}`}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={amountError ?? errors.amount}
            required
          />
        ) : null}
        {resolution === 'reship' ? (
          <Stack gap="xs">
            <Select
              label="Order"
              searchable
              data={(customerOrders.data?.items ?? [])
                .filter((o) => o.number)
                .map((o) => ({ value: o.id, label: `${o.number} (${o.status.replace('_', ' ')})` }))}
              value={orderId || null}
              onChange={(v) => {
                setOrderId(v ?? '');
                setQuantities({});
              }}
              error={errors.orderId}
              required
            />
            {order.data?.lines.map((line) => (
              <NumberInput
                key={line.id}
                label={`${line.sku} — ${line.description}`}
                description={`${line.shipped} shipped`}
                min={0}
                max={line.shipped}
                value={quantities[line.id] ?? 0}
                onChange={(v) => setQuantities((q) => ({ ...q, [line.id]: Number(v) || 0 }))}
              />
            ))}
            {errors.lines ? (
              <Text size="sm" c="red">
                {errors.lines}
              </Text>
            ) : null}
          </Stack>
        ) : null}
        <Textarea
          label={resolution === 'rejected' ? 'Why it is rejected' : 'Resolution note'}
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
          required
        />
      </ModalForm>
    </Modal>
  );
}
