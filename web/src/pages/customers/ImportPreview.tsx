import { Badge, Group, List, SegmentedControl, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { ImportAction, ImportLine, ImportLineError, ImportResult } from '../../api/types.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { TableHead } from '../../components/TableHead.js';

const ACTION_COLORS: Record<ImportAction, string> = {
  create: 'teal',
  update: 'blue',
  unchanged: 'gray',
  invalid: 'red',
};

const ACTION_LABELS: Record<ImportAction, string> = {
  create: 'Create',
  update: 'Update',
  unchanged: 'Unchanged',
  invalid: 'Invalid',
};

/** Customer fields an update changes, as people call them. */
const FIELD_LABELS: Record<string, string> = {
  code: 'code',
  legalName: 'legal name',
  status: 'status',
  billingAddress: 'billing address',
  shippingAddress: 'shipping address',
  language: 'language',
  currency: 'currency',
  paymentTerms: 'payment terms',
  creditLimit: 'credit limit',
  taxId: 'tax id',
  tags: 'tags',
  notes: 'notes',
  ownerId: 'owner',
  contacts: 'billing contact',
};

/** "Line 4, billing_country: must be an ISO 3166-1 alpha-2 country code, e.g. FR". */
export function lineErrorText(error: ImportLineError): string {
  return `Line ${error.line}${error.field ? `, ${error.field}` : ''}: ${error.message}`;
}

/** The counts of a preview or an import: lines, then one badge per action. */
export function ImportCounts(props: { result: ImportResult }) {
  const { counts } = props.result;
  return (
    <Group gap="xs" aria-label="Import summary">
      <Text size="sm" fw={500}>
        {counts.lines} {counts.lines === 1 ? 'line' : 'lines'}:
      </Text>
      {(['create', 'update', 'unchanged', 'invalid'] as const).map((action) => (
        <Badge
          key={action}
          color={ACTION_COLORS[action]}
          variant={action === 'invalid' && counts.invalid > 0 ? 'filled' : 'light'}
          tt="none"
        >
          {counts[action]} {action === 'create' ? 'new' : action === 'update' ? 'to update' : action}
        </Badge>
      ))}
    </Group>
  );
}

const MAX_ROWS = 500;
type Filter = 'all' | ImportAction;

function LineRow(props: { line: ImportLine; applied: boolean }) {
  const { line } = props;
  const invalid = line.action === 'invalid';
  return (
    <Table.Tr bg={invalid ? 'var(--mantine-color-red-light)' : undefined} data-action={line.action}>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {line.line}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={ACTION_COLORS[line.action]} variant={invalid ? 'filled' : 'light'} size="sm">
          {ACTION_LABELS[line.action]}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {line.code ?? (line.action === 'create' ? 'generated' : '—')}
        </Text>
      </Table.Td>
      <Table.Td>
        {props.applied && line.customerId ? (
          <RouterAnchor
            to="/receivables/customers/$customerId"
            params={{ customerId: line.customerId }}
            size="sm"
          >
            {line.legalName ?? line.code}
          </RouterAnchor>
        ) : (
          <Text size="sm">{line.legalName ?? '—'}</Text>
        )}
      </Table.Td>
      <Table.Td>
        {line.errors.length > 0 ? (
          <List size="sm" c="red.8" spacing={0} listStyleType="none">
            {line.errors.map((e) => (
              <List.Item key={`${e.field}:${e.message}`}>
                <Text span size="sm" fw={600}>
                  {`line ${line.line}${e.field ? `, ${e.field}` : ''}:`}
                </Text>{' '}
                {e.message}
              </List.Item>
            ))}
          </List>
        ) : line.action === 'update' ? (
          <Text size="sm">Changes: {line.changes.map((c) => FIELD_LABELS[c] ?? c).join(', ')}</Text>
        ) : line.action === 'create' ? (
          <Text size="sm" c="dimmed">
            New customer
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            Already up to date
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Every line of the file with its action and changes, or its errors (invalid lines highlighted). */
export function ImportLinesTable(props: { result: ImportResult }) {
  const { result } = props;
  const [filter, setFilter] = useState<Filter>(result.counts.invalid > 0 ? 'invalid' : 'all');
  const lines = filter === 'all' ? result.lines : result.lines.filter((l) => l.action === filter);
  const applied = result.mode === 'apply';
  return (
    <>
      <SegmentedControl
        size="xs"
        w="fit-content"
        aria-label="Show lines"
        value={filter}
        onChange={(value) => setFilter(value as Filter)}
        data={[
          { value: 'all', label: `All (${result.lines.length})` },
          { value: 'invalid', label: `Invalid (${result.counts.invalid})` },
          { value: 'create', label: `New (${result.counts.create})` },
          { value: 'update', label: `Update (${result.counts.update})` },
          { value: 'unchanged', label: `Unchanged (${result.counts.unchanged})` },
        ]}
      />
      <Table.ScrollContainer minWidth={760} maxHeight={380}>
        <Table aria-label="Import lines" stickyHeader>
          <TableHead
            columns={[
              { label: 'Line', w: 70 },
              { label: 'Action', w: 130 },
              { label: 'Code', w: 120 },
              'Name',
              'Changes or errors',
            ]}
          />
          <Table.Tbody>
            {lines.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={5} ta="center" py="md">
                  <Text size="sm" c="dimmed">
                    No lines of this kind.
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              lines
                .slice(0, MAX_ROWS)
                .map((line) => <LineRow key={line.line} line={line} applied={applied} />)
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {lines.length > MAX_ROWS ? (
        <Text size="xs" c="dimmed">
          Showing the first {MAX_ROWS} of {lines.length} lines.
        </Text>
      ) : null}
    </>
  );
}
