import { Button } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { EmptyPanel } from '../components/EmptyPanel.js';

export function NotFoundPage() {
  return (
    <EmptyPanel
      m="lg"
      icon={<IconMapQuestion size={28} />}
      title="Page not found"
      description="There is no page at this address. It may have moved, or the link is mistyped."
    >
      <Button component={Link} to="/" variant="light" mt="md">
        Go to the worklist
      </Button>
    </EmptyPanel>
  );
}
