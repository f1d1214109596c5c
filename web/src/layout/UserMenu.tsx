import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import type { User } from '../api/types.js';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

export function UserMenu(props: { user: User; onChangePassword: () => void; onSignOut: () => void }) {
  const { user } = props;
  const label = `Signed in as ${user.name} · ${user.roles.join(', ')}`;
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={label} px="xs" py={4} style={{ borderRadius: 6 }}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size={30} radius="xl" color="indigo">
              {initials(user.name)}
            </Avatar>
            <div style={{ lineHeight: 1.1 }}>
              <Text size="xs" c="dimmed" visibleFrom="sm">
                Signed in as
              </Text>
              <Text size="sm" fw={500}>
                {user.name}{' '}
                <Text span size="xs" c="dimmed" visibleFrom="sm">
                  · {user.roles.join(', ')}
                </Text>
              </Text>
            </div>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item leftSection={<IconKey size={16} />} onClick={props.onChangePassword}>
          Change password
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} />} color="red" onClick={props.onSignOut}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
