import { Alert, Grid, Modal, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { paymentsApi } from '../../api/endpoints.js';
import type { PaymentDetail } from '../../api/types.js';
import { ModalForm } from '../../components/ModalForm.js';
import { formError } from '../../lib/fieldErrors.js';
import { formatMoney, parseMoneyInput } from '../../lib/money.js';
import { pathErrors } from '../customers/formErrors.js';
import { todayIso } from '../invoices/dates.js';

/** Reverse a payment (a bounced cheque, a charge-back): what it paid is open again; optionally a fee. */
export function ReverseModal(props: { payment: PaymentDetail; onClose: () => void }) {
  const { payment } = props;
  const queryClient = useQueryClient();
  const [reason, setReason] = useState(payment.method === 'cheque' ? 'Cheque bounced' : '');
  const [date, setDate] = useState(todayIso());
  const [fee, setFee] = useState('');
  const [feeDescription, setFeeDescription] = useState('');
  const [feeError, setFeeError] = useState<string | null>(null);

  const reverse = useMutation({
    mutationFn: () => {
      let feeInput: { amount: number; description: string | null } | undefined;
      if (fee.trim()) {
        const parsed = parseMoneyInput(fee, payment.currency);
        if ('error' in parsed) {
          setFeeError(`Fee ${parsed.error}`);
          return Promise.reject(new Error('Please correct the highlighted fields.'));
        }
        feeInput = { amount: parsed.minor, description: feeDescription.trim() || null };
      }
      setFeeError(null);
      return paymentsApi.reverse(payment.id, { reason, date, ...(feeInput ? { fee: feeInput } : {}) });
    },
    onSuccess: () => {
      for (const key of ['payments', 'invoices', 'accounts', 'reports', 'allocations'])
        void queryClient.invalidateQueries({ queryKey: [key] });
      notifications.show({
        color: 'teal',
        title: 'Payment reversed',
        message: `${formatMoney(payment.amount, payment.currency)}: what it paid is open again.`,
      });
      props.onClose();
    },
  });
  const errors = pathErrors(reverse.error);

  return (
    <Modal opened onClose={props.onClose} title="Reverse payment">
      <ModalForm
        message={formError(reverse.error, ['reason', 'date', 'fee'])}
        submitLabel="Reverse payment"
        submitting={reverse.isPending}
        onSubmit={() => reverse.mutate()}
        onCancel={props.onClose}
      >
        <Alert color="red">
          The payment of {formatMoney(payment.amount, payment.currency)} is cancelled: every invoice it paid
          is open again by the amount it received. This cannot be undone.
        </Alert>
        <TextInput
          label="Reason"
          required
          data-autofocus
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
        />
        <TextInput
          label="Date"
          type="date"
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          error={errors.date}
          w={200}
        />
        <Grid gap="sm">
          <Grid.Col span={5}>
            <TextInput
              label="Fee (optional)"
              description={`Charged to the customer, in ${payment.currency}`}
              inputMode="decimal"
              value={fee}
              onChange={(e) => setFee(e.currentTarget.value)}
              error={feeError ?? errors['fee.amount']}
            />
          </Grid.Col>
          <Grid.Col span={7}>
            <TextInput
              label="Fee description"
              description=" "
              placeholder="Bounced cheque fee"
              value={feeDescription}
              onChange={(e) => setFeeDescription(e.currentTarget.value)}
              error={errors['fee.description']}
              disabled={!fee.trim()}
            />
          </Grid.Col>
        </Grid>
      </ModalForm>
    </Modal>
  );
}
