import { Table, VisuallyHidden } from '@mantine/core';

export interface Column {
  label: string;
  /** Announced to screen readers only. */
  hidden?: boolean;
  w?: number;
  /** Text alignment of the header cell (e.g. `right` above amounts). */
  ta?: 'left' | 'center' | 'right';
}

/** The trailing column of per-row action buttons. */
export const ACTIONS_COLUMN: Column = { label: 'Actions', hidden: true };

/** A table's header row from column labels (a plain string is a visible label). */
export function TableHead(props: { columns: readonly (string | Column)[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {props.columns.map((column) => {
          const { label, hidden, w, ta } = typeof column === 'string' ? { label: column } : column;
          return (
            <Table.Th key={label} w={w} ta={ta}>
              {hidden ? <VisuallyHidden>{label}</VisuallyHidden> : label || null}
            </Table.Th>
          );
        })}
      </Table.Tr>
    </Table.Thead>
  );
}
