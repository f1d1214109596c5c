import { EmptyState, type EmptyStateProps, Paper, type PaperProps } from '@mantine/core';

/** An `EmptyState` in a bordered panel: the look of every full-page "nothing here" message. */
export function EmptyPanel({ role, m, ...props }: EmptyStateProps & { role?: string; m?: PaperProps['m'] }) {
  return (
    <Paper withBorder p="xl" radius="md" role={role} m={m}>
      <EmptyState {...props} />
    </Paper>
  );
}
