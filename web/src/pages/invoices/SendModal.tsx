import { Modal, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { invoicesApi } from '../../api/endpoints.js';
import type { Invoice } from '../../api/types.js';
import { ModalForm } from '../../components/ModalForm.js';
import { fieldErrors, formError } from '../../lib/fieldErrors.js';
import { useCustomer } from './CustomerSelect.js';

/** Email the PDF, by default to the customer's contacts who receive invoices. */
export function SendModal(props: { invoice: Invoice; onClose: () => void }) {
  const { invoice } = props;
  const queryClient = useQueryClient();
  const customer = useCustomer(invoice.customerId);
  const billing =
    customer.data?.contacts.filter((c) => c.receivesInvoices && c.email).map((c) => c.email!) ?? [];
  const [to, setTo] = useState<string[]>([]);
  const [cc, setCc] = useState<string[]>([]);

  const send = useMutation({
    mutationFn: () =>
      invoicesApi.send(invoice.id, { ...(to.length ? { to } : {}), ...(cc.length ? { cc } : {}) }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['invoices', 'messages', invoice.id] });
      notifications.show({
        color: 'teal',
        title: `${invoice.number} queued for sending`,
        message: `To ${result.to.join(', ')}. The delivery log shows what happens next.`,
      });
      props.onClose();
    },
  });
  const errors = fieldErrors(send.error);

  return (
    <Modal opened onClose={props.onClose} title={`Send ${invoice.number}`}>
      <ModalForm
        message={formError(send.error, ['to', 'cc'])}
        submitLabel="Send"
        submitting={send.isPending}
        onSubmit={() => send.mutate()}
        onCancel={props.onClose}
      >
        <Text size="sm">
          The PDF goes by email in the invoice's language.{' '}
          {billing.length > 0
            ? `By default to the billing contact: ${billing.join(', ')}.`
            : 'The customer has no contact who receives invoices: give an address.'}
        </Text>
        <TagsInput
          label="To"
          placeholder={billing.length > 0 ? 'Default: the billing contact' : 'name@example.com'}
          value={to}
          onChange={setTo}
          error={errors.to}
        />
        <TagsInput label="Cc" value={cc} onChange={setCc} error={errors.cc} />
      </ModalForm>
    </Modal>
  );
}
