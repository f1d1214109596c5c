import { Modal, Select, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { disputesApi } from '../../api/endpoints.js';
import { DISPUTE_REASONS, type DisputeReason, type Invoice } from '../../api/types.js';
import { ModalForm } from '../../components/ModalForm.js';
import { fieldErrors, formError } from '../../lib/fieldErrors.js';
import { formatMoney, parseMoneyInput, toDecimalString } from '../../lib/money.js';
import { addDays, todayIso } from '../invoices/dates.js';
import { REASON_LABELS } from './access.js';

/** Open a dispute case on an invoice: the whole open amount or a part of it. Its reminders pause. */
export function OpenDisputeModal(props: { invoice: Invoice; onClose: () => void }) {
  const { invoice } = props;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [amount, setAmount] = useState(toDecimalString(invoice.openAmount, invoice.currency));
  const [reason, setReason] = useState<DisputeReason | null>(null);
  const [description, setDescription] = useState('');
  const [deadline, setDeadline] = useState(addDays(todayIso(), 14));
  const [amountError, setAmountError] = useState<string | null>(null);

  const open = useMutation({
    mutationFn: (minor: number) =>
      disputesApi.open({
        invoiceId: invoice.id,
        amount: minor,
        reason: reason ?? ('' as DisputeReason),
        description,
        deadline,
      }),
    onSuccess: (dispute) => {
      void queryClient.invalidateQueries({ queryKey: ['disputes'] });
      void queryClient.invalidateQueries({ queryKey: ['timeline', invoice.customerId] });
      notifications.show({
        color: 'teal',
        title: `Dispute ${dispute.number} opened`,
        message: `Reminders of ${invoice.number} are paused for ${formatMoney(dispute.amount, dispute.currency)}.`,
      });
      props.onClose();
      void navigate({ to: '/receivables/disputes/$disputeId', params: { disputeId: dispute.id } });
    },
  });
  const errors = fieldErrors(open.error);
  const submit = () => {
    const parsed = parseMoneyInput(amount, invoice.currency);
    if ('error' in parsed) {
      setAmountError(parsed.error);
      return;
    }
    setAmountError(null);
    open.mutate(parsed.minor);
  };

  return (
    <Modal opened onClose={props.onClose} title={`Open a dispute on ${invoice.number}`}>
      <ModalForm
        message={formError(open.error, ['amount', 'reason', 'description', 'deadline', 'invoiceId'])}
        submitLabel="Open dispute"
        submitting={open.isPending}
        onSubmit={submit}
        onCancel={props.onClose}
      >
        <Text size="sm">
          {formatMoney(invoice.openAmount, invoice.currency)} is open. Reminders stop for the disputed amount
          until the case is resolved or rejected.
        </Text>
        <TextInput
          label={`Disputed amount (${invoice.currency})`}
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={amountError ?? errors.amount}
          required
        />
        <Select
          label="Reason"
          data={DISPUTE_REASONS.map((r) => ({ value: r, label: REASON_LABELS[r] }))}
          value={reason}
          onChange={(v) => setReason(v as DisputeReason | null)}
          error={errors.reason}
          required
        />
        <Textarea
          label="What the customer says"
          autosize
          minRows={3}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description}
          required
        />
        <TextInput
          label="Deadline"
          type="date"
          value={deadline}
          onChange={(e) => setDeadline(e.currentTarget.value)}
          error={errors.deadline}
          required
        />
      </ModalForm>
    </Modal>
  );
}
