import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { usersApi } from '../../../api/endpoints.js';
import type { User } from '../../../api/types.js';
import { useSession } from '../../../auth/session.js';
import { ConfirmModal } from '../../../components/ConfirmModal.js';
import { PagedTable } from '../../../components/PagedTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ACTIONS_COLUMN } from '../../../components/TableHead.js';
import { useCursorList } from '../../../lib/useCursorList.js';
import { AddUserModal } from './AddUserModal.js';
import { EditUserModal } from './EditUserModal.js';
import { asRoles, ROLE_OPTIONS } from './roleOptions.js';
import { UserRow } from './UserRow.js';

const COLUMNS = ['Name', 'Email', 'Roles', 'Status', 'Last sign-in', 'Created', { ...ACTIONS_COLUMN, w: 60 }];

const STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'disabled', label: 'Disabled' },
];

export function UsersPage() {
  const { user: me } = useSession();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [role, setRole] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [toggling, setToggling] = useState<User | null>(null);

  const filters = {
    q: debouncedQ,
    role: asRoles(role ? [role] : [])[0] ?? null,
    status: status === 'active' || status === 'disabled' ? status : null,
  } as const;
  const list = useCursorList(['users', 'list', filters], (page) => usersApi.list({ ...filters, ...page }));

  const toggle = useMutation({
    mutationFn: (user: User) =>
      user.status === 'active' ? usersApi.disable(user.id) : usersApi.enable(user.id),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      notifications.show({
        color: 'teal',
        title: user.status === 'active' ? 'User enabled' : 'User disabled',
        message: `${user.name} (${user.email})`,
      });
      closeToggle();
    },
  });
  function closeToggle() {
    setToggling(null);
    toggle.reset();
  }

  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in to Duely, and what their roles allow them to do."
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)}>
            Add user
          </Button>
        }
      />
      <PagedTable
        list={list}
        label="Users"
        minWidth={800}
        columns={COLUMNS}
        empty="No users match these filters."
        noun="user"
        toolbar={
          <Group mb="md" gap="sm" align="flex-end">
            <TextInput
              label="Search"
              placeholder="Name or email"
              leftSection={<IconSearch size={16} />}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              w={280}
            />
            <Select
              label="Role"
              placeholder="Any role"
              data={ROLE_OPTIONS}
              value={role}
              onChange={setRole}
              clearable
              w={260}
            />
            <Select
              label="Status"
              placeholder="Any status"
              data={STATUS_OPTIONS}
              value={status}
              onChange={setStatus}
              clearable
              w={160}
            />
          </Group>
        }
        row={(user) => (
          <UserRow
            user={user}
            isSelf={user.id === me.id}
            onEdit={() => setEditing(user)}
            onToggle={() => setToggling(user)}
          />
        )}
      />

      <AddUserModal opened={adding} onClose={() => setAdding(false)} />
      {editing ? <EditUserModal key={editing.id} user={editing} onClose={() => setEditing(null)} /> : null}
      <ConfirmModal
        opened={toggling !== null}
        title={toggling?.status === 'active' ? 'Disable user' : 'Enable user'}
        message={
          toggling?.status === 'active'
            ? `${toggling.name} (${toggling.email}) will be signed out and can no longer sign in. Their history is kept.`
            : `${toggling?.name ?? ''} (${toggling?.email ?? ''}) will be able to sign in again with their current roles.`
        }
        confirmLabel={toggling?.status === 'active' ? 'Disable' : 'Enable'}
        color={toggling?.status === 'active' ? 'red' : 'teal'}
        loading={toggle.isPending}
        error={toggle.error}
        onConfirm={() => toggling && toggle.mutate(toggling)}
        onClose={closeToggle}
      />
    </>
  );
}
