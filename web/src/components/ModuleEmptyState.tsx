import { EmptyState, List, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** The placeholder for an area whose module is not available yet: says what will appear, shows no fake data. */
export function ModuleEmptyState(props: {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  upcoming: string[];
}) {
  return (
    <Paper withBorder p="xl" radius="md">
      <EmptyState
        icon={props.icon}
        title={props.title}
        description={props.description}
        variant="light"
        size="lg"
      >
        <Text size="sm" fw={500} mt="md">
          What will appear here
        </Text>
        <List size="sm" c="dimmed" mt={4} ta="left" maw={520} mx="auto">
          {props.upcoming.map((item) => (
            <List.Item key={item}>{item}</List.Item>
          ))}
        </List>
      </EmptyState>
    </Paper>
  );
}
