import { Loader, Table, Text } from '@mantine/core';

/** A single full-width row for a table that is loading or has nothing to show. */
export function TableStatus(props: { colSpan: number; loading: boolean; empty: string }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={props.colSpan} py="xl" ta="center">
        {props.loading ? (
          <Loader size="sm" aria-label="Loading" />
        ) : (
          <Text c="dimmed" size="sm">
            {props.empty}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
