import { Modal, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ModalForm } from '../../components/ModalForm.js';
import { fieldErrors, formError } from '../../lib/fieldErrors.js';

/** Asks for a date and a reason, then snoozes one task or several (`onSnooze`). */
export function SnoozeModal(props: {
  opened: boolean;
  title: string;
  onClose: () => void;
  onSnooze: (input: { until: string; reason: string }) => Promise<unknown>;
}) {
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);
  const close = () => {
    setError(null);
    props.onClose();
  };
  return (
    <Modal opened={props.opened} onClose={close} title={props.title}>
      <ModalForm
        message={formError(error, ['until', 'reason'])}
        submitLabel="Snooze"
        submitting={busy}
        onCancel={close}
        onSubmit={async () => {
          setBusy(true);
          try {
            await props.onSnooze({ until, reason });
            setUntil('');
            setReason('');
            close();
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        <TextInput
          label="Until"
          type="date"
          required
          value={until}
          onChange={(e) => setUntil(e.currentTarget.value)}
          error={errors.until}
        />
        <TextInput
          label="Reason"
          required
          placeholder="Waiting for the carrier's answer"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
        />
      </ModalForm>
    </Modal>
  );
}
