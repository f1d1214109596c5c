import { Alert, Button, Group, Modal, MultiSelect, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { tokensApi } from '../../../api/endpoints.js';
import type { CreateTokenResult, Role } from '../../../api/types.js';
import { OneTimeSecret } from '../../../components/OneTimeSecret.js';
import { fieldErrors, formError } from '../../../lib/fieldErrors.js';
import { asRoles, ROLE_OPTIONS } from '../users/roleOptions.js';

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function CreateTokenModal(props: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [expiresAt, setExpiresAt] = useState('');
  const [created, setCreated] = useState<CreateTokenResult | null>(null);
  const mutation = useMutation({
    mutationFn: () => tokensApi.create({ name: name.trim(), roles, ...(expiresAt ? { expiresAt } : {}) }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
      setCreated(result);
    },
  });

  function close() {
    setName('');
    setRoles([]);
    setExpiresAt('');
    setCreated(null);
    mutation.reset();
    props.onClose();
  }

  const errors = fieldErrors(mutation.error);
  const message = formError(mutation.error, ['name', 'roles', 'expiresAt']);

  if (created) {
    return (
      <Modal
        opened={props.opened}
        onClose={close}
        title="API token created"
        size="lg"
        closeOnClickOutside={false}
      >
        <Stack>
          <OneTimeSecret
            label="Token secret"
            value={created.secret}
            warning={`This is the only time the secret of "${created.token.name}" is shown. Store it in the calling system's secret store now; if it is lost, revoke the token and create a new one.`}
          />
          <Group justify="flex-end">
            <Button onClick={close}>I have stored the secret</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened={props.opened} onClose={close} title="Create API token" size="lg">
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
            label="Name"
            description="What uses this token, e.g. “ERP invoice export”."
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <MultiSelect
            label="Roles"
            description="The token can do what these roles allow. Grant as little as possible."
            placeholder={roles.length ? undefined : 'Pick one or more roles'}
            data={ROLE_OPTIONS}
            value={roles}
            onChange={(values) => setRoles(asRoles(values))}
            error={errors.roles}
            required
          />
          <TextInput
            label="Expires on"
            description="Optional. The token stops working at the end of this day."
            type="date"
            min={today()}
            value={expiresAt}
            onChange={(e) => setExpiresAt(e.currentTarget.value)}
            error={errors.expiresAt}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Create token
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
