import { Modal, SegmentedControl, Select, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { contactLogApi } from '../../api/endpoints.js';
import { CALL_OUTCOMES, type CallOutcome, type NoteKind } from '../../api/types.js';
import { ModalForm } from '../../components/ModalForm.js';
import { fieldErrors, formError } from '../../lib/fieldErrors.js';
import { formatMoney } from '../../lib/money.js';
import { OUTCOME_LABELS } from './access.js';
import { useOpenInvoices } from './RecordPromiseModal.js';

const OUTCOME_OPTIONS = CALL_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }));

/** Log a call (with its outcome) or a note on a customer, optionally about one invoice. */
export function LogNoteModal(props: { customerId: string; invoiceId?: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<NoteKind>('call');
  const [outcome, setOutcome] = useState<CallOutcome | null>('reached');
  const [contactName, setContactName] = useState('');
  const [invoiceId, setInvoiceId] = useState<string | null>(props.invoiceId ?? null);
  const [text, setText] = useState('');
  const invoices = useOpenInvoices(props.customerId);
  const log = useMutation({
    mutationFn: () =>
      contactLogApi.log(props.customerId, {
        kind,
        outcome: kind === 'call' ? outcome : null,
        contactName: contactName.trim() || null,
        invoiceId,
        text,
      }),
    onSuccess: (note) => {
      void queryClient.invalidateQueries({ queryKey: ['timeline', props.customerId] });
      notifications.show({
        color: 'teal',
        title: note.kind === 'call' ? 'Call logged' : 'Note added',
        message: note.text.slice(0, 80),
      });
      props.onClose();
    },
  });
  const errors = fieldErrors(log.error);
  return (
    <Modal opened onClose={props.onClose} title="Log a call or a note">
      <ModalForm
        message={formError(log.error, ['kind', 'outcome', 'contactName', 'invoiceId', 'text'])}
        submitLabel={kind === 'call' ? 'Log call' : 'Add note'}
        submitting={log.isPending}
        onSubmit={() => log.mutate()}
        onCancel={props.onClose}
      >
        <SegmentedControl
          aria-label="Kind"
          data={[
            { value: 'call', label: 'Call' },
            { value: 'note', label: 'Note' },
          ]}
          value={kind}
          onChange={(v) => setKind(v as NoteKind)}
        />
        {kind === 'call' ? (
          <Select
            label="Outcome"
            data={OUTCOME_OPTIONS}
            value={outcome}
            onChange={(v) => setOutcome(v as CallOutcome | null)}
            error={errors.outcome}
          />
        ) : null}
        <TextInput
          label="Contact"
          placeholder="Who you spoke to"
          value={contactName}
          onChange={(e) => setContactName(e.currentTarget.value)}
          error={errors.contactName}
        />
        <Select
          label="Invoice"
          placeholder="Not about one invoice"
          clearable
          data={(invoices.data ?? []).map((i) => ({
            value: i.id,
            label: `${i.number} · ${formatMoney(i.openAmount, i.currency)} open`,
          }))}
          value={invoiceId}
          onChange={setInvoiceId}
          error={errors.invoiceId}
        />
        <Textarea
          label={kind === 'call' ? 'What was said' : 'Note'}
          autosize
          minRows={3}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={errors.text}
          required
        />
      </ModalForm>
    </Modal>
  );
}
