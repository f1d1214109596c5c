import { List, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { EmptyPanel } from './EmptyPanel.js';
import { PageHeader } from './PageHeader.js';

/**
 * The page of an area whose module is not available yet: its header, then a placeholder that says
 * what will appear here. Shows no fake data.
 */
export function ComingSoonPage(props: {
  title: string;
  description: string;
  icon: ReactNode;
  emptyTitle: string;
  emptyDescription: string;
  upcoming: string[];
}) {
  return (
    <>
      <PageHeader title={props.title} description={props.description} />
      <EmptyPanel
        icon={props.icon}
        title={props.emptyTitle}
        description={props.emptyDescription}
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
      </EmptyPanel>
    </>
  );
}
