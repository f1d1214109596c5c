import { Button, EmptyState, Paper } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';

export function NotFoundPage() {
  return (
    <Paper withBorder p="xl" radius="md" m="lg">
      <EmptyState
        icon={<IconMapQuestion size={28} />}
        title="Page not found"
        description="There is no page at this address. It may have moved, or the link is mistyped."
      >
        <Button component={Link} to="/" variant="light" mt="md">
          Go to the worklist
        </Button>
      </EmptyState>
    </Paper>
  );
}
