import { Checkbox, Grid, Modal, Select, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { carriersApi } from '../../../api/endpoints.js';
import { type Carrier, TRACKING_FORMATS, type TrackingFormat } from '../../../api/types.js';
import { ModalForm } from '../../../components/ModalForm.js';
import { OneTimeSecretStep } from '../../../components/OneTimeSecretStep.js';
import { fieldErrors, formError } from '../../../lib/fieldErrors.js';
import { FORMAT_LABELS } from './access.js';
import { WebhookUrl } from './WebhookUrl.js';

const FIELDS = ['code', 'name', 'scac', 'trackingUrlTemplate', 'webhookFormat', 'webhookSecret', 'active'];

const FORMAT_OPTIONS = TRACKING_FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] }));

const orNull = (v: string) => (v.trim() ? v.trim() : null);

/**
 * Create a carrier (`carrier` absent: its webhook secret, given or generated, is then shown once) or
 * edit one (name, SCAC, tracking URL template, webhook format, active).
 */
export function CarrierFormModal(props: { carrier?: Carrier; onClose: () => void }) {
  const editing = props.carrier;
  const queryClient = useQueryClient();
  const [code, setCode] = useState(editing?.code ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const [scac, setScac] = useState(editing?.scac ?? '');
  const [template, setTemplate] = useState(editing?.trackingUrlTemplate ?? '');
  const [format, setFormat] = useState<TrackingFormat>(editing?.webhookFormat ?? 'duely');
  const [secret, setSecret] = useState('');
  const [active, setActive] = useState(editing?.active ?? true);
  const [created, setCreated] = useState<{ carrier: Carrier; secret: string } | null>(null);

  const mutation = useMutation({
    mutationFn: async () => {
      const fields = {
        name,
        scac: orNull(scac),
        trackingUrlTemplate: orNull(template),
        webhookFormat: format,
        active,
      };
      if (editing) return { carrier: await carriersApi.update(editing.id, fields), secret: null };
      const result = await carriersApi.create({
        code,
        ...fields,
        ...(secret.trim() ? { webhookSecret: secret.trim() } : {}),
      });
      return { carrier: result.carrier, secret: result.webhookSecret };
    },
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['carriers'] });
      notifications.show({
        color: 'teal',
        title: editing ? 'Carrier saved' : 'Carrier added',
        message: `${result.carrier.name} (${result.carrier.code})`,
      });
      if (result.secret) setCreated({ carrier: result.carrier, secret: result.secret });
      else props.onClose();
    },
  });
  const errors = fieldErrors(mutation.error);

  return (
    <Modal
      opened
      onClose={props.onClose}
      title={created ? 'Webhook secret' : editing ? `Edit ${editing.name}` : 'New carrier'}
      size="lg"
    >
      {created ? (
        <>
          <WebhookUrl carrier={created.carrier} />
          <OneTimeSecretStep
            label="Webhook secret"
            value={created.secret}
            warning="Give this secret to the carrier (or tracking service) with the webhook URL. Duely keeps it sealed and will not show it again; rotate it if it is lost."
            doneLabel="Done"
            onDone={props.onClose}
          />
        </>
      ) : (
        <ModalForm
          message={formError(mutation.error, FIELDS)}
          submitLabel={editing ? 'Save' : 'Add carrier'}
          submitting={mutation.isPending}
          onSubmit={() => mutation.mutate()}
          onCancel={props.onClose}
        >
          <Grid gap="xs">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label="Code"
                description="In the webhook URL, e.g. ups"
                required={!editing}
                disabled={!!editing}
                data-autofocus
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                error={errors.code}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput
                label="Carrier name"
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={errors.name}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label="SCAC"
                description="2–4 letters, for bills of lading"
                value={scac}
                onChange={(e) => setScac(e.currentTarget.value)}
                error={errors.scac}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <Select
                label="Webhook format"
                description="The payload format the carrier posts"
                data={FORMAT_OPTIONS}
                value={format}
                onChange={(v) => setFormat(TRACKING_FORMATS.find((f) => f === v) ?? 'duely')}
                allowDeselect={false}
                error={errors.webhookFormat}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <TextInput
                label="Tracking URL template"
                description="The carrier's public tracking page; {trackingNumber} is replaced"
                placeholder="https://track.example.com/?n={trackingNumber}"
                value={template}
                onChange={(e) => setTemplate(e.currentTarget.value)}
                error={errors.trackingUrlTemplate}
              />
            </Grid.Col>
            {editing ? null : (
              <Grid.Col span={12}>
                <TextInput
                  label="Webhook secret"
                  description="Leave empty to have Duely generate one (shown once after saving)"
                  autoComplete="off"
                  value={secret}
                  onChange={(e) => setSecret(e.currentTarget.value)}
                  error={errors.webhookSecret}
                />
              </Grid.Col>
            )}
            <Grid.Col span={12}>
              <Checkbox
                label="Active (offered when shipping; its webhook accepts updates)"
                checked={active}
                onChange={(e) => setActive(e.currentTarget.checked)}
              />
              {editing ? (
                <Text size="xs" c="dimmed" mt={4}>
                  The code cannot change: carriers post to a URL that contains it.
                </Text>
              ) : null}
            </Grid.Col>
          </Grid>
        </ModalForm>
      )}
    </Modal>
  );
}
