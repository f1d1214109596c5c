import { EmptyState, Paper } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';

export function Forbidden(props: { detail?: string | undefined }) {
  return (
    <Paper withBorder p="xl" radius="md" role="alert">
      <EmptyState
        icon={<IconLock size={28} />}
        color="red"
        title="You don't have permission"
        description={
          props.detail ??
          'Your roles do not allow access to this page. Ask an administrator if you need it for your work.'
        }
      />
    </Paper>
  );
}
