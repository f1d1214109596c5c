import { Button, Center, Drawer, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type AgingQuery, reportsApi } from '../../api/endpoints.js';
import { QueryError } from '../../components/QueryError.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formatDate } from '../../lib/format.js';
import { formatMoney } from '../../lib/money.js';

export interface DrillDownTarget {
  customerId: string;
  customerName: string;
  currency: string;
  /** A bucket key, `credit`, or null for every open document. */
  bucket: string | null;
  bucketLabel: string;
}

/** The documents behind one cell of the aging report; their open amounts add up to the cell. */
export function DrillDownDrawer(props: {
  target: DrillDownTarget | null;
  query: AgingQuery;
  onClose: () => void;
}) {
  const { target } = props;
  const list = useInfiniteQuery({
    queryKey: ['reports', 'aging', 'drill-down', props.query, target],
    queryFn: ({ pageParam }) =>
      reportsApi.agingDrillDown({
        ...props.query,
        currency: target!.currency,
        customerId: target!.customerId,
        bucket: target!.bucket,
        limit: 100,
        cursor: pageParam,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: target !== null,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = items.reduce((sum, i) => sum + i.openAmount, 0);

  return (
    <Drawer
      opened={target !== null}
      onClose={props.onClose}
      position="right"
      size="xl"
      title={target ? `${target.customerName} — ${target.bucketLabel}` : ''}
    >
      {target ? (
        <Stack>
          <Text size="sm" c="dimmed">
            Open as of {formatDate(list.data?.pages[0]?.asOf ?? props.query.asOf ?? null)}, in{' '}
            {target.currency}.
          </Text>
          {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
          <Table aria-label="Drill-down documents" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Document</Table.Th>
                <Table.Th>Issued</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th ta="right">Days overdue</Table.Th>
                <Table.Th ta="right">Gross</Table.Th>
                <Table.Th ta="right">Open</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <RouterAnchor
                      to="/receivables/invoices/$invoiceId"
                      params={{ invoiceId: item.id }}
                      size="sm"
                      ff="monospace"
                    >
                      {item.number}
                    </RouterAnchor>
                    {item.kind === 'credit_note' ? (
                      <Text size="xs" c="dimmed">
                        Credit note
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{formatDate(item.issueDate)}</Table.Td>
                  <Table.Td>{formatDate(item.dueDate)}</Table.Td>
                  <Table.Td ta="right" c={item.daysOverdue > 0 ? 'red' : undefined}>
                    {item.daysOverdue > 0 ? item.daysOverdue : '—'}
                  </Table.Td>
                  <Table.Td ta="right">{formatMoney(item.grossTotal, item.currency)}</Table.Td>
                  <Table.Td ta="right" fw={500}>
                    {formatMoney(item.openAmount, item.currency)}
                  </Table.Td>
                </Table.Tr>
              ))}
              {list.isSuccess && items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={6} ta="center" c="dimmed">
                    Nothing open here.
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Table.Tbody>
            {items.length > 0 ? (
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th colSpan={5}>Total</Table.Th>
                  <Table.Th ta="right">{formatMoney(total, target.currency)}</Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            ) : null}
          </Table>
          {list.isPending ? (
            <Center>
              <Text size="sm" c="dimmed">
                Loading…
              </Text>
            </Center>
          ) : null}
          {list.hasNextPage ? (
            <Button
              variant="default"
              size="xs"
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              Load more
            </Button>
          ) : null}
        </Stack>
      ) : null}
    </Drawer>
  );
}
