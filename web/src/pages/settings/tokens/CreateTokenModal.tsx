import { Modal, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { tokensApi } from '../../../api/endpoints.js';
import type { CreateTokenResult, Role } from '../../../api/types.js';
import { ModalForm } from '../../../components/ModalForm.js';
import { OneTimeSecretStep } from '../../../components/OneTimeSecretStep.js';
import { fieldErrors, formError } from '../../../lib/fieldErrors.js';
import { RolesField } from '../users/RolesField.js';

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

  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={created ? 'API token created' : 'Create API token'}
      size="lg"
      closeOnClickOutside={!created}
    >
      {created ? (
        <OneTimeSecretStep
          label="Token secret"
          value={created.secret}
          warning={`This is the only time the secret of "${created.token.name}" is shown. Store it in the calling system's secret store now; if it is lost, revoke the token and create a new one.`}
          doneLabel="I have stored the secret"
          onDone={close}
        />
      ) : (
        <ModalForm
          message={formError(mutation.error, ['name', 'roles', 'expiresAt'])}
          submitLabel="Create token"
          submitting={mutation.isPending}
          onSubmit={() => mutation.mutate()}
          onCancel={close}
        >
          <TextInput
            label="Name"
            description="What uses this token, e.g. “ERP invoice export”."
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <RolesField
            value={roles}
            onChange={setRoles}
            error={errors.roles}
            description="The token can do what these roles allow. Grant as little as possible."
            withPlaceholder
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
        </ModalForm>
      )}
    </Modal>
  );
}
