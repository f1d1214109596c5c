import { Alert, Button, Group, Loader, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { usersApi, worklistApi } from '../../api/endpoints.js';
import type { Role } from '../../api/types.js';
import { actionErrorMessage } from '../../lib/errorMessage.js';
import { ROLE_OPTIONS } from './worklistLabels.js';

/** Admin: who leads each role, i.e. receives its overdue tasks' escalations (administrators when nobody). */
export function LeadsModal(props: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const leads = useQuery({
    queryKey: ['worklist', 'leads'],
    queryFn: worklistApi.leads,
    enabled: props.opened,
  });
  const users = useQuery({
    queryKey: ['worklist', 'lead-candidates'],
    queryFn: () => usersApi.list({ status: 'active', limit: 500, cursor: null }),
    enabled: props.opened,
  });
  const [saving, setSaving] = useState<Role | null>(null);
  const options = (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }));
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Escalation leads" size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          An open task still undone after its due date is escalated once to the lead of its role: its priority
          goes up and the lead gets an email. Without a lead, every administrator is told.
        </Text>
        {leads.isError || users.isError ? (
          <Alert color="red">{actionErrorMessage(leads.error ?? users.error)}</Alert>
        ) : !leads.data || !users.data ? (
          <Loader size="sm" />
        ) : (
          ROLE_OPTIONS.filter((r) => r.value !== 'admin').map((role) => (
            <Group key={role.value} justify="space-between" wrap="nowrap">
              <Text w={160}>{role.label}</Text>
              <Select
                aria-label={`Lead of ${role.label}`}
                placeholder="Administrators"
                data={options}
                searchable
                clearable
                disabled={saving === role.value}
                value={leads.data.leads.find((l) => l.role === role.value)?.userId ?? null}
                onChange={async (userId) => {
                  setSaving(role.value);
                  try {
                    await worklistApi.setLead(role.value, userId);
                    await queryClient.invalidateQueries({ queryKey: ['worklist', 'leads'] });
                  } catch (error) {
                    notifications.show({ color: 'red', message: actionErrorMessage(error) });
                  } finally {
                    setSaving(null);
                  }
                }}
                style={{ flex: 1 }}
              />
            </Group>
          ))
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
