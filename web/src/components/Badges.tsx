import { Badge, Group } from '@mantine/core';

const STATE_COLORS: Record<string, string> = {
  active: 'teal',
  disabled: 'gray',
  revoked: 'red',
  expired: 'orange',
  queued: 'blue',
  running: 'cyan',
  sending: 'cyan',
  done: 'teal',
  sent: 'teal',
  dead: 'red',
  failed: 'red',
  bounced: 'orange',
  held: 'yellow',
};

export function StateBadge(props: { state: string }) {
  return (
    <Badge variant="light" color={STATE_COLORS[props.state] ?? 'gray'} radius="sm">
      {props.state}
    </Badge>
  );
}

export function RoleBadges(props: { roles: readonly string[] }) {
  return (
    <Group gap={4}>
      {props.roles.map((role) => (
        <Badge
          key={role}
          variant="outline"
          color={role === 'admin' ? 'grape' : 'indigo'}
          radius="sm"
          size="sm"
        >
          {role}
        </Badge>
      ))}
    </Group>
  );
}
