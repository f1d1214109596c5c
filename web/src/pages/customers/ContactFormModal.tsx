import { Checkbox, Grid, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { customersApi } from '../../api/endpoints.js';
import type { Contact, ContactInput } from '../../api/types.js';
import { ModalForm } from '../../components/ModalForm.js';
import { fieldErrors, formError } from '../../lib/fieldErrors.js';

const FIELDS = ['name', 'email', 'phone', 'role', 'receivesInvoices', 'receivesReminders'];
const orNull = (value: string) => (value.trim() ? value.trim() : null);

/** Add a contact to a customer (`contact` absent) or change one. Mount with a `key` per contact. */
export function ContactFormModal(props: { customerId: string; contact?: Contact; onClose: () => void }) {
  const queryClient = useQueryClient();
  const editing = props.contact;
  const [name, setName] = useState(editing?.name ?? '');
  const [email, setEmail] = useState(editing?.email ?? '');
  const [phone, setPhone] = useState(editing?.phone ?? '');
  const [role, setRole] = useState(editing?.role ?? '');
  const [receivesInvoices, setReceivesInvoices] = useState(editing?.receivesInvoices ?? false);
  const [receivesReminders, setReceivesReminders] = useState(editing?.receivesReminders ?? false);

  const mutation = useMutation({
    mutationFn: () => {
      const input: ContactInput = {
        name: name.trim(),
        email: orNull(email),
        phone: orNull(phone),
        role: orNull(role),
        receivesInvoices,
        receivesReminders,
      };
      return editing
        ? customersApi.updateContact(props.customerId, editing.id, input)
        : customersApi.addContact(props.customerId, input);
    },
    onSuccess: (contact) => {
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      notifications.show({
        color: 'teal',
        title: editing ? 'Contact saved' : 'Contact added',
        message: contact.email ? `${contact.name} <${contact.email}>` : contact.name,
      });
      props.onClose();
    },
  });
  const errors = fieldErrors(mutation.error);

  return (
    <Modal opened onClose={props.onClose} title={editing ? `Edit ${editing.name}` : 'Add contact'} size="lg">
      <ModalForm
        message={formError(mutation.error, FIELDS)}
        submitLabel={editing ? 'Save' : 'Add contact'}
        submitting={mutation.isPending}
        onSubmit={() => mutation.mutate()}
        onCancel={props.onClose}
      >
        <Grid gap="xs">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label="Name"
              required
              data-autofocus
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label="Role or job title"
              placeholder="e.g. Accounts payable"
              value={role}
              onChange={(e) => setRole(e.currentTarget.value)}
              error={errors.role}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 7 }}>
            <TextInput
              label="Email"
              type="email"
              required={receivesInvoices || receivesReminders}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <TextInput
              label="Phone"
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
              error={errors.phone}
            />
          </Grid.Col>
        </Grid>
        <Stack gap="xs">
          <Checkbox
            label="Receives invoices"
            description="Invoices are emailed to every contact with this flag."
            checked={receivesInvoices}
            onChange={(e) => setReceivesInvoices(e.currentTarget.checked)}
            error={errors.receivesInvoices}
          />
          <Checkbox
            label="Receives payment reminders"
            description="When no contact has this flag, reminders go to the invoice recipients."
            checked={receivesReminders}
            onChange={(e) => setReceivesReminders(e.currentTarget.checked)}
            error={errors.receivesReminders}
          />
        </Stack>
      </ModalForm>
    </Modal>
  );
}
