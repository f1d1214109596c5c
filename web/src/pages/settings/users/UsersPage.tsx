import { Button, Group, Paper, Select, Table, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { usersApi } from '../../../api/endpoints.js';
import type { User } from '../../../api/types.js';
import { useSession } from '../../../auth/session.js';
import { ConfirmModal } from '../../../components/ConfirmModal.js';
import { ListFooter } from '../../../components/ListFooter.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { QueryError } from '../../../components/QueryError.js';
import { RequireArea } from '../../../components/RequireArea.js';
import { TableStatus } from '../../../components/TableStatus.js';
import { useCursorList } from '../../../lib/useCursorList.js';
import { AddUserModal } from './AddUserModal.js';
import { EditUserModal } from './EditUserModal.js';
import { asRoles, ROLE_OPTIONS } from './roleOptions.js';
import { UserRow } from './UserRow.js';

const STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'disabled', label: 'Disabled' },
];

export function UsersPage() {
  return (
    <RequireArea area="users">
      <UsersList />
    </RequireArea>
  );
}

function UsersList() {
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
      <Paper withBorder radius="md" p="md">
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
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table aria-label="Users">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Roles</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Last sign-in</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th w={60}>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.length === 0 ? (
                  <TableStatus colSpan={7} loading={list.isPending} empty="No users match these filters." />
                ) : (
                  list.items.map((user) => (
                    <UserRow
                      key={user.id}
                      user={user}
                      isSelf={user.id === me.id}
                      onEdit={() => setEditing(user)}
                      onToggle={() => setToggling(user)}
                    />
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <ListFooter
          count={list.items.length}
          noun="user"
          hasMore={list.hasNextPage}
          loading={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      </Paper>

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
