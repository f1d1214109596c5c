import { Modal, PasswordInput, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { usersApi } from '../../../api/endpoints.js';
import type { CreateUserResult, Role } from '../../../api/types.js';
import { ModalForm } from '../../../components/ModalForm.js';
import { OneTimeSecretStep } from '../../../components/OneTimeSecretStep.js';
import { fieldErrors, formError } from '../../../lib/fieldErrors.js';
import { RolesField } from './RolesField.js';

const FIELDS = ['email', 'name', 'roles', 'password'];

export function AddUserModal(props: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<CreateUserResult | null>(null);

  const mutation = useMutation({
    mutationFn: () =>
      usersApi.create({ email: email.trim(), name: name.trim(), roles, ...(password ? { password } : {}) }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      notifications.show({
        color: 'teal',
        title: 'User added',
        message: `${result.user.name} can now sign in.`,
      });
      if (result.initialPassword) setCreated(result);
      else close();
    },
  });

  function close() {
    setEmail('');
    setName('');
    setRoles([]);
    setPassword('');
    setCreated(null);
    mutation.reset();
    props.onClose();
  }

  const errors = fieldErrors(mutation.error);

  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={created?.initialPassword ? 'User added' : 'Add user'}
      size="lg"
    >
      {created?.initialPassword ? (
        <OneTimeSecretStep
          label="Initial password"
          value={created.initialPassword}
          warning={`This is the only time the initial password for ${created.user.email} is shown. Give it to them through a safe channel; they should change it after signing in.`}
          doneLabel="Done"
          onDone={close}
        />
      ) : (
        <ModalForm
          message={formError(mutation.error, FIELDS)}
          submitLabel="Add user"
          submitting={mutation.isPending}
          onSubmit={() => mutation.mutate()}
          onCancel={close}
        >
          <TextInput
            label="Email"
            type="email"
            required
            data-autofocus
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <RolesField value={roles} onChange={setRoles} error={errors.roles} withPlaceholder />
          <PasswordInput
            label="Password"
            description="Optional. Leave empty to have the server generate an initial password that is shown once."
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
          />
        </ModalForm>
      )}
    </Modal>
  );
}
