import { Modal, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { snoozesApi } from '../../api/endpoints.js';
import { ModalForm } from '../../components/ModalForm.js';
import { fieldErrors, formError } from '../../lib/fieldErrors.js';
import { addDaysIso, todayIso } from './access.js';

/** Stop an invoice's reminders until a date, with a reason. */
export function SnoozeModal(props: {
  invoice: { id: string; number: string | null; customerId: string };
  onClose: () => void;
}) {
  const { invoice } = props;
  const queryClient = useQueryClient();
  const [until, setUntil] = useState(addDaysIso(todayIso(), 14));
  const [reason, setReason] = useState('');
  const snooze = useMutation({
    mutationFn: () => snoozesApi.snooze(invoice.id, { reason, until }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['snoozes'] });
      void queryClient.invalidateQueries({ queryKey: ['followup'] });
      void queryClient.invalidateQueries({ queryKey: ['timeline', invoice.customerId] });
      notifications.show({
        color: 'teal',
        title: `${result.number} snoozed`,
        message: `No reminders until ${result.until}.`,
      });
      props.onClose();
    },
  });
  const errors = fieldErrors(snooze.error);
  return (
    <Modal opened onClose={props.onClose} title={`Snooze reminders of ${invoice.number ?? 'the invoice'}`}>
      <ModalForm
        message={formError(snooze.error, ['until', 'reason'])}
        submitLabel="Snooze"
        submitting={snooze.isPending}
        onSubmit={() => snooze.mutate()}
        onCancel={props.onClose}
      >
        <Text size="sm">
          No reminder is sent for this invoice until the date below; follow-up resumes that day.
        </Text>
        <TextInput
          label="Resume on"
          type="date"
          value={until}
          onChange={(e) => setUntil(e.currentTarget.value)}
          error={errors.until}
          required
        />
        <TextInput
          label="Reason"
          placeholder="e.g. customer's accounts payable closed until the 15th"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          required
        />
      </ModalForm>
    </Modal>
  );
}
