import { Button, Code, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { tokensApi } from '../../../api/endpoints.js';
import type { Token } from '../../../api/types.js';
import { RoleBadges, StateBadge } from '../../../components/Badges.js';
import { ConfirmModal } from '../../../components/ConfirmModal.js';
import { ListFooter } from '../../../components/ListFooter.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { QueryError } from '../../../components/QueryError.js';
import { RequireArea } from '../../../components/RequireArea.js';
import { TableStatus } from '../../../components/TableStatus.js';
import { formatDate, formatDateTime } from '../../../lib/format.js';
import { useCursorList } from '../../../lib/useCursorList.js';
import { CreateTokenModal } from './CreateTokenModal.js';

function tokenState(token: Token): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt) return 'revoked';
  if (
    token.expiresAt &&
    new Date(token.expiresAt.length === 10 ? `${token.expiresAt}T23:59:59` : token.expiresAt) < new Date()
  )
    return 'expired';
  return 'active';
}

export function TokensPage() {
  return (
    <RequireArea area="tokens">
      <TokensList />
    </RequireArea>
  );
}

function TokensList() {
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const list = useCursorList(['tokens', 'list'], (page) => tokensApi.list(page));
  const revoke = useMutation({
    mutationFn: (token: Token) => tokensApi.revoke(token.id),
    onSuccess: (token) => {
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
      notifications.show({
        color: 'teal',
        title: 'Token revoked',
        message: `“${token.name}” no longer works.`,
      });
      closeRevoke();
    },
  });
  function closeRevoke() {
    setRevoking(null);
    revoke.reset();
  }

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let other systems call the Duely API with the roles you grant them. Secrets are shown only once, when created."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            Create token
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md">
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label="API tokens">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Prefix</Table.Th>
                  <Table.Th>Roles</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.length === 0 ? (
                  <TableStatus colSpan={8} loading={list.isPending} empty="No API tokens yet." />
                ) : (
                  list.items.map((token) => {
                    const state = tokenState(token);
                    return (
                      <Table.Tr key={token.id}>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {token.name}
                          </Text>
                          <Text size="xs" c="dimmed">
                            by {token.createdBy}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Code>{token.prefix}…</Code>
                        </Table.Td>
                        <Table.Td>
                          <RoleBadges roles={token.roles} />
                        </Table.Td>
                        <Table.Td>
                          <StateBadge state={state} />
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatDate(token.createdAt)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{token.expiresAt ? formatDate(token.expiresAt) : 'Never'}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" c={token.lastUsedAt ? undefined : 'dimmed'}>
                            {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">
                          {state === 'revoked' ? null : (
                            <Button
                              size="xs"
                              variant="subtle"
                              color="red"
                              onClick={() => setRevoking(token)}
                              aria-label={`Revoke ${token.name}`}
                            >
                              Revoke
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <ListFooter
          count={list.items.length}
          noun="token"
          hasMore={list.hasNextPage}
          loading={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      </Paper>
      <CreateTokenModal opened={creating} onClose={() => setCreating(false)} />
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke API token"
        message={`Systems using “${revoking?.name ?? ''}” (${revoking?.prefix ?? ''}…) will get 401 errors immediately. This cannot be undone.`}
        confirmLabel="Revoke token"
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onClose={closeRevoke}
      />
    </>
  );
}
