import { Button, Code, Table, Text } from '@mantine/core';
import type { Token } from '../../../api/types.js';
import { RoleBadges, StateBadge } from '../../../components/Badges.js';
import { DateTimeOrNever } from '../../../components/DateTimeOrNever.js';
import { formatDate } from '../../../lib/format.js';

function tokenState(token: Token): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt) return 'revoked';
  if (
    token.expiresAt &&
    new Date(token.expiresAt.length === 10 ? `${token.expiresAt}T23:59:59` : token.expiresAt) < new Date()
  )
    return 'expired';
  return 'active';
}

export function TokenRow(props: { token: Token; onRevoke: () => void }) {
  const { token } = props;
  const state = tokenState(token);
  return (
    <Table.Tr>
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
        <DateTimeOrNever value={token.lastUsedAt} />
      </Table.Td>
      <Table.Td ta="right">
        {state === 'revoked' ? null : (
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={props.onRevoke}
            aria-label={`Revoke ${token.name}`}
          >
            Revoke
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
