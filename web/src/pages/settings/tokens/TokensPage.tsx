import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { tokensApi } from '../../../api/endpoints.js';
import type { Token } from '../../../api/types.js';
import { ConfirmModal } from '../../../components/ConfirmModal.js';
import { PagedTable } from '../../../components/PagedTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ACTIONS_COLUMN } from '../../../components/TableHead.js';
import { useCursorList } from '../../../lib/useCursorList.js';
import { CreateTokenModal } from './CreateTokenModal.js';
import { TokenRow } from './TokenRow.js';

const COLUMNS = ['Name', 'Prefix', 'Roles', 'Status', 'Created', 'Expires', 'Last used', ACTIONS_COLUMN];

export function TokensPage() {
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
      <PagedTable
        list={list}
        label="API tokens"
        minWidth={900}
        columns={COLUMNS}
        empty="No API tokens yet."
        noun="token"
        row={(token) => <TokenRow token={token} onRevoke={() => setRevoking(token)} />}
      />
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
