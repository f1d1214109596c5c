import { ActionIcon, Badge, Menu, Table, Text } from '@mantine/core';
import { IconDots, IconPencil, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import type { User } from '../../../api/types.js';
import { RoleBadges, StateBadge } from '../../../components/Badges.js';
import { DateTimeOrNever } from '../../../components/DateTimeOrNever.js';
import { formatDate } from '../../../lib/format.js';

export function UserRow(props: { user: User; isSelf: boolean; onEdit: () => void; onToggle: () => void }) {
  const { user } = props;
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {user.name}{' '}
          {props.isSelf ? (
            <Badge size="xs" variant="light" color="gray">
              you
            </Badge>
          ) : null}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{user.email}</Text>
      </Table.Td>
      <Table.Td>
        <RoleBadges roles={user.roles} />
      </Table.Td>
      <Table.Td>
        <StateBadge state={user.status} />
      </Table.Td>
      <Table.Td>
        <DateTimeOrNever value={user.lastSignInAt} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(user.createdAt)}</Text>
      </Table.Td>
      <Table.Td>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${user.email}`}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconPencil size={16} />} onClick={props.onEdit}>
              Edit name and roles
            </Menu.Item>
            {user.status === 'active' ? (
              <Menu.Item
                leftSection={<IconUserOff size={16} />}
                color="red"
                onClick={props.onToggle}
                disabled={props.isSelf}
              >
                Disable
              </Menu.Item>
            ) : (
              <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={props.onToggle}>
                Enable
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}
