import { ActionIcon, Alert, Button, Group, Menu, Paper, Table, Text, ThemeIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconDots, IconInfoCircle, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { customersApi } from '../../api/endpoints.js';
import type { Contact, Customer } from '../../api/types.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { ACTIONS_COLUMN, TableHead } from '../../components/TableHead.js';
import { TableStatus } from '../../components/TableStatus.js';
import { ContactFormModal } from './ContactFormModal.js';

function Flag(props: { on: boolean; label: string }) {
  return props.on ? (
    <ThemeIcon size="sm" variant="light" color="teal" radius="xl" aria-label={props.label}>
      <IconCheck size={14} />
    </ThemeIcon>
  ) : (
    <Text size="sm" c="dimmed" aria-label={`Not: ${props.label.toLowerCase()}`}>
      —
    </Text>
  );
}

/** A customer's contacts, with who receives invoices and reminders; add, edit and remove. */
export function ContactsSection(props: { customer: Customer; canWrite: boolean }) {
  const { customer, canWrite } = props;
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Contact | null>(null);
  const [removing, setRemoving] = useState<Contact | null>(null);
  const remove = useMutation({
    mutationFn: (contact: Contact) => customersApi.removeContact(customer.id, contact.id),
    onSuccess: (_result, contact) => {
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      notifications.show({ color: 'teal', title: 'Contact removed', message: contact.name });
      closeRemove();
    },
  });
  function closeRemove() {
    setRemoving(null);
    remove.reset();
  }

  const contacts = customer.contacts;
  const flagged = contacts.some((c) => c.receivesInvoices && c.email);
  const columns = [
    'Name',
    'Role',
    'Email',
    'Phone',
    'Invoices',
    'Reminders',
    ...(canWrite ? [{ ...ACTIONS_COLUMN, w: 60 }] : []),
  ];

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          Invoices are emailed to the contacts marked for invoices; reminders to those marked for reminders.
        </Text>
        {canWrite ? (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
            Add contact
          </Button>
        ) : null}
      </Group>
      {contacts.length > 0 && !flagged ? (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} mb="sm">
          No contact with an email is marked to receive invoices; they will go to the first contact with an
          email address.
        </Alert>
      ) : null}
      <Table.ScrollContainer minWidth={760}>
        <Table aria-label="Contacts">
          <TableHead columns={columns} />
          <Table.Tbody>
            {contacts.length === 0 ? (
              <TableStatus colSpan={columns.length} loading={false} empty="No contacts yet." />
            ) : (
              contacts.map((contact) => (
                <Table.Tr key={contact.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {contact.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{contact.role ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{contact.email ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{contact.phone ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Flag on={contact.receivesInvoices} label="Receives invoices" />
                  </Table.Td>
                  <Table.Td>
                    <Flag on={contact.receivesReminders} label="Receives reminders" />
                  </Table.Td>
                  {canWrite ? (
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={`Actions for ${contact.name}`}
                          >
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item
                            leftSection={<IconPencil size={16} />}
                            onClick={() => setEditing(contact)}
                          >
                            Edit
                          </Menu.Item>
                          <Menu.Item
                            leftSection={<IconTrash size={16} />}
                            color="red"
                            onClick={() => setRemoving(contact)}
                          >
                            Remove
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {adding ? <ContactFormModal customerId={customer.id} onClose={() => setAdding(false)} /> : null}
      {editing ? (
        <ContactFormModal
          key={editing.id}
          customerId={customer.id}
          contact={editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <ConfirmModal
        opened={removing !== null}
        title="Remove contact"
        message={`${removing?.name ?? ''} will no longer receive anything about ${customer.legalName}.`}
        confirmLabel="Remove"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={closeRemove}
      />
    </Paper>
  );
}
