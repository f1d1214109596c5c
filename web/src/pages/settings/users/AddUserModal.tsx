import { Alert, Button, Group, Modal, MultiSelect, PasswordInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { usersApi } from '../../../api/endpoints.js';
import type { CreateUserResult, Role } from '../../../api/types.js';
import { OneTimeSecret } from '../../../components/OneTimeSecret.js';
import { fieldErrors, formError } from '../../../lib/fieldErrors.js';
import { asRoles, ROLE_OPTIONS } from './roleOptions.js';

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
  const message = formError(mutation.error, FIELDS);

  if (created?.initialPassword) {
    return (
      <Modal opened={props.opened} onClose={close} title="User added" size="lg">
        <Stack>
          <OneTimeSecret
            label="Initial password"
            value={created.initialPassword}
            warning={`This is the only time the initial password for ${created.user.email} is shown. Give it to them through a safe channel; they should change it after signing in.`}
          />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened={props.opened} onClose={close} title="Add user" size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          mutation.mutate();
        }}
      >
        <Stack>
          {message ? (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          ) : null}
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
          <MultiSelect
            label="Roles"
            placeholder={roles.length ? undefined : 'Pick one or more roles'}
            data={ROLE_OPTIONS}
            value={roles}
            onChange={(values) => setRoles(asRoles(values))}
            error={errors.roles}
            required
            comboboxProps={{ withinPortal: true }}
          />
          <PasswordInput
            label="Password"
            description="Optional. Leave empty to have the server generate an initial password that is shown once."
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
