import { ActionIcon, Badge, Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { AuditEntry } from '../../../api/types.js';
import { formatDateTime } from '../../../lib/format.js';

const ACTOR_COLORS: Record<AuditEntry['actorType'], string> = {
  user: 'indigo',
  token: 'grape',
  system: 'gray',
  anonymous: 'orange',
};

function JsonBlock(props: { label: string; value: unknown }) {
  const empty = props.value === null || props.value === undefined;
  return (
    <Stack gap={4}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        {props.label}
      </Text>
      <Code block aria-label={props.label} style={{ maxHeight: 360, overflow: 'auto' }}>
        {empty ? '—' : JSON.stringify(props.value, null, 2)}
      </Code>
    </Stack>
  );
}

/** Header labels; the first column holds the expand toggle. */
export const AUDIT_COLUMNS = ['', 'When', 'Actor', 'Action', 'Entity', 'IP'];

export function AuditRow(props: { entry: AuditEntry; expanded: boolean; onToggle: () => void }) {
  const { entry } = props;
  return (
    <>
      <Table.Tr onClick={props.onToggle} style={{ cursor: 'pointer' }}>
        <Table.Td w={40}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-expanded={props.expanded}
            aria-label={`${props.expanded ? 'Hide' : 'Show'} changes of ${entry.action} #${entry.seq}`}
            onClick={(e) => {
              e.stopPropagation();
              props.onToggle();
            }}
          >
            {props.expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{formatDateTime(entry.at)}</Text>
          <Text size="xs" c="dimmed">
            #{entry.seq}
          </Text>
        </Table.Td>
        <Table.Td>
          <Badge size="xs" variant="light" color={ACTOR_COLORS[entry.actorType]} mr={6}>
            {entry.actorType}
          </Badge>
          <Text size="sm" span>
            {entry.actorLabel ?? entry.actorId ?? ''}
          </Text>
        </Table.Td>
        <Table.Td>
          <Code>{entry.action}</Code>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{entry.entityType ?? '—'}</Text>
          {entry.entityId ? (
            <Text size="xs" c="dimmed" ff="monospace">
              {entry.entityId}
            </Text>
          ) : null}
        </Table.Td>
        <Table.Td>
          <Text size="xs" c="dimmed" ff="monospace">
            {entry.ip ?? ''}
          </Text>
        </Table.Td>
      </Table.Tr>
      {props.expanded ? (
        <Table.Tr>
          <Table.Td colSpan={AUDIT_COLUMNS.length} bg="gray.0">
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" py="xs">
              <JsonBlock label="Before" value={entry.before} />
              <JsonBlock label="After" value={entry.after} />
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt="xs">
              Entry {entry.id}
              {entry.requestId ? ` · request ${entry.requestId}` : ''}
              {entry.actorId ? ` · actor id ${entry.actorId}` : ''}
            </Text>
          </Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
}
