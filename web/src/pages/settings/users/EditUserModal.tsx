import { Modal, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { usersApi } from '../../../api/endpoints.js';
import type { Role, User } from '../../../api/types.js';
import { ModalForm } from '../../../components/ModalForm.js';
import { fieldErrors, formError } from '../../../lib/fieldErrors.js';
import { RolesField } from './RolesField.js';

/** Edit a user's name and roles. Mount with a `key` per user so the form starts from that user. */
export function EditUserModal(props: { user: User; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(props.user.name);
  const [roles, setRoles] = useState<Role[]>(props.user.roles);
  const mutation = useMutation({
    mutationFn: () => usersApi.update(props.user.id, { name: name.trim(), roles }),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['auth', 'session'] });
      notifications.show({ color: 'teal', title: 'User updated', message: `${user.name} was saved.` });
      props.onClose();
    },
  });
  const errors = fieldErrors(mutation.error);

  return (
    <Modal opened onClose={props.onClose} title={`Edit ${props.user.email}`} size="lg">
      <ModalForm
        message={formError(mutation.error, ['name', 'roles'])}
        submitLabel="Save"
        submitting={mutation.isPending}
        onSubmit={() => mutation.mutate()}
        onCancel={props.onClose}
      >
        <TextInput label="Email" value={props.user.email} disabled />
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <RolesField value={roles} onChange={setRoles} error={errors.roles} />
      </ModalForm>
    </Modal>
  );
}
