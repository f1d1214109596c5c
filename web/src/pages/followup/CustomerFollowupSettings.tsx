import { Alert, Button, Group, Paper, Select, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { followupApi } from '../../api/endpoints.js';
import { fieldErrors, formError } from '../../lib/fieldErrors.js';
import { useCanWriteFollowup } from './access.js';

/** Which policy a customer follows (or the default), and whether it is excluded from follow-up, with why. */
export function CustomerFollowupSettings(props: { customerId: string }) {
  const { customerId } = props;
  const canWrite = useCanWriteFollowup();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['followup', 'settings', customerId],
    queryFn: () => followupApi.customerSettings(customerId),
  });
  const policies = useQuery({ queryKey: ['followup', 'policies'], queryFn: () => followupApi.policies() });
  const [policyId, setPolicyId] = useState<string>('');
  const [excluded, setExcluded] = useState(false);
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (!settings.data) return;
    setPolicyId(settings.data.policyId ?? '');
    setExcluded(settings.data.excluded);
    setReason(settings.data.exclusionReason ?? '');
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () =>
      followupApi.setCustomerSettings(customerId, {
        policyId: policyId || null,
        excluded,
        exclusionReason: excluded ? reason : null,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['followup', 'settings', customerId], saved);
      void queryClient.invalidateQueries({ queryKey: ['followup', 'preview'] });
      notifications.show({
        color: 'teal',
        title: 'Follow-up settings saved',
        message: saved.excluded
          ? 'The customer is excluded from reminders.'
          : 'Its open invoices are rescheduled.',
      });
    },
  });
  const errors = fieldErrors(save.error);
  const defaultPolicy = policies.data?.find((p) => p.isDefault);
  const options = [
    { value: '', label: `Default policy${defaultPolicy ? ` (${defaultPolicy.name})` : ''}` },
    ...(policies.data ?? []).map((p) => ({ value: p.id, label: p.name })),
  ];
  const message = formError(save.error, ['policyId', 'excluded', 'exclusionReason']);
  return (
    <Paper withBorder radius="md" p="sm" mb="md" aria-label="Follow-up settings">
      {message ? (
        <Alert color="red" role="alert" mb="xs">
          {message}
        </Alert>
      ) : null}
      <Group align="flex-end" gap="sm">
        <Select
          label="Follow-up policy"
          data={options}
          value={policyId}
          onChange={(v) => setPolicyId(v ?? '')}
          allowDeselect={false}
          disabled={!canWrite || excluded}
          error={errors.policyId}
          w={260}
        />
        <Switch
          label="Excluded from follow-up"
          checked={excluded}
          onChange={(e) => setExcluded(e.currentTarget.checked)}
          disabled={!canWrite}
          mb={8}
        />
        {excluded ? (
          <TextInput
            label="Why"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.exclusionReason}
            disabled={!canWrite}
            w={280}
          />
        ) : null}
        {canWrite ? (
          <Button variant="default" loading={save.isPending} onClick={() => save.mutate()}>
            Save
          </Button>
        ) : null}
        {settings.isError ? (
          <Text size="sm" c="red">
            The follow-up settings could not be loaded.
          </Text>
        ) : null}
      </Group>
    </Paper>
  );
}
