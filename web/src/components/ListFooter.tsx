import { Button, Center, Text } from '@mantine/core';

/** Below a cursor-paged table: count of loaded rows and a "Load more" button while more exist. */
export function ListFooter(props: {
  count: number;
  noun: string;
  /** Plural of `noun` when it is not just `noun + 's'`. */
  nouns?: string;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}) {
  return (
    <Center mt="md" style={{ flexDirection: 'column', gap: 8 }}>
      <Text size="xs" c="dimmed">
        {props.count} {props.count === 1 ? props.noun : (props.nouns ?? `${props.noun}s`)} loaded
        {props.hasMore ? '' : ' — end of list'}
      </Text>
      {props.hasMore ? (
        <Button variant="default" size="xs" loading={props.loading} onClick={props.onLoadMore}>
          Load more
        </Button>
      ) : null}
    </Center>
  );
}
