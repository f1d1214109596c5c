import { Modal, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { carriersApi } from '../../../api/endpoints.js';
import type { Carrier } from '../../../api/types.js';
import { ModalForm } from '../../../components/ModalForm.js';
import { OneTimeSecretStep } from '../../../components/OneTimeSecretStep.js';
import { fieldErrors, formError } from '../../../lib/fieldErrors.js';
import { WebhookUrl } from './WebhookUrl.js';

/** Set or rotate a carrier's webhook secret: given, or generated; the new one is shown once. */
export function WebhookSecretModal(props: { carrier: Carrier; onClose: () => void }) {
  const { carrier } = props;
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState('');
  const mutation = useMutation({
    mutationFn: () => carriersApi.setWebhookSecret(carrier.id, secret.trim() || undefined),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['carriers'] });
      notifications.show({
        color: 'teal',
        title: carrier.webhookSecretSet ? 'Webhook secret rotated' : 'Webhook secret set',
        message: 'The previous secret no longer verifies.',
      });
    },
  });
  const verb = carrier.webhookSecretSet ? 'Rotate' : 'Set';
  return (
    <Modal opened onClose={props.onClose} title={`${verb} webhook secret — ${carrier.name}`} size="lg">
      {mutation.data ? (
        <>
          <WebhookUrl carrier={mutation.data.carrier} />
          <OneTimeSecretStep
            label="Webhook secret"
            value={mutation.data.webhookSecret}
            warning="Configure this secret at the carrier now. Duely keeps it sealed and will not show it again."
            doneLabel="Done"
            onDone={props.onClose}
          />
        </>
      ) : (
        <ModalForm
          message={formError(mutation.error, ['secret'])}
          submitLabel={carrier.webhookSecretSet ? 'Rotate secret' : 'Set secret'}
          submitting={mutation.isPending}
          onSubmit={() => mutation.mutate()}
          onCancel={props.onClose}
        >
          <Text size="sm">
            {carrier.webhookSecretSet
              ? 'The current secret stops working at once: updates signed with it are refused (401) until the carrier uses the new one.'
              : 'Updates from this carrier are refused until a secret is set.'}
          </Text>
          <TextInput
            label="New secret"
            description="Leave empty to have Duely generate a strong one"
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.currentTarget.value)}
            error={fieldErrors(mutation.error).secret}
          />
        </ModalForm>
      )}
    </Modal>
  );
}
