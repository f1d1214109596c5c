import { Paper, Table } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import type { CursorList } from '../lib/useCursorList.js';
import { ListFooter } from './ListFooter.js';
import { QueryError } from './QueryError.js';
import { type Column, TableHead } from './TableHead.js';
import { TableStatus } from './TableStatus.js';

/**
 * A cursor-paged list in a panel: optional toolbar, the error (with retry) or the table with its
 * loading/empty row, and the "Load more" footer.
 */
export function PagedTable<T extends { id: string }>(props: {
  list: CursorList<T>;
  /** The table's accessible name. */
  label: string;
  minWidth: number;
  columns: readonly (string | Column)[];
  /** Shown when the list is loaded and empty. */
  empty: string;
  noun: string;
  nouns?: string;
  toolbar?: ReactNode;
  row: (item: T) => ReactNode;
}) {
  const { list } = props;
  return (
    <Paper withBorder radius="md" p="md">
      {props.toolbar}
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={props.minWidth}>
          <Table aria-label={props.label}>
            <TableHead columns={props.columns} />
            <Table.Tbody>
              {list.items.length === 0 ? (
                <TableStatus colSpan={props.columns.length} loading={list.isPending} empty={props.empty} />
              ) : (
                list.items.map((item) => <Fragment key={item.id}>{props.row(item)}</Fragment>)
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ListFooter
        count={list.items.length}
        noun={props.noun}
        nouns={props.nouns}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
    </Paper>
  );
}
