import { Button, Paper, Table } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { type AuditFilters, auditApi } from '../../../api/endpoints.js';
import type { AuditEntry } from '../../../api/types.js';
import { ListFooter } from '../../../components/ListFooter.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { QueryError } from '../../../components/QueryError.js';
import { RequireArea } from '../../../components/RequireArea.js';
import { TableStatus } from '../../../components/TableStatus.js';
import { downloadText, toCsv } from '../../../lib/csv.js';
import { useCursorList } from '../../../lib/useCursorList.js';
import { AuditFiltersForm } from './AuditFiltersForm.js';
import { AUDIT_COLUMNS, AuditRow } from './AuditRow.js';

const CSV_HEADER = [
  'seq',
  'id',
  'at',
  'actorType',
  'actorId',
  'actorLabel',
  'action',
  'entityType',
  'entityId',
  'requestId',
  'ip',
  'before',
  'after',
] as const;

function exportCsv(entries: AuditEntry[]) {
  const rows = entries.map((e) => CSV_HEADER.map((key) => e[key]));
  downloadText(
    `duely-audit-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.csv`,
    toCsv(CSV_HEADER, rows),
  );
}

export function AuditPage() {
  return (
    <RequireArea area="audit">
      <AuditTrail />
    </RequireArea>
  );
}

function AuditTrail() {
  const [filters, setFilters] = useState<AuditFilters>({});
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const list = useCursorList(['audit', 'list', filters], (page) => auditApi.list({ ...filters, ...page }));
  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change made in Duely, newest first: who did it, when, and what the record looked like before and after."
        actions={
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            disabled={list.items.length === 0}
            onClick={() => exportCsv(list.items)}
          >
            Export CSV
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md" mb="md">
        <AuditFiltersForm onApply={setFilters} />
      </Paper>
      <Paper withBorder radius="md" p="md">
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label="Audit trail">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  <Table.Th>When</Table.Th>
                  <Table.Th>Actor</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Entity</Table.Th>
                  <Table.Th>IP</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.length === 0 ? (
                  <TableStatus
                    colSpan={AUDIT_COLUMNS}
                    loading={list.isPending}
                    empty="No audit entries match these filters."
                  />
                ) : (
                  list.items.map((entry) => (
                    <AuditRow
                      key={entry.id}
                      entry={entry}
                      expanded={expanded.has(entry.id)}
                      onToggle={() => toggle(entry.id)}
                    />
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <ListFooter
          count={list.items.length}
          noun="entry"
          nouns="entries"
          hasMore={list.hasNextPage}
          loading={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      </Paper>
    </>
  );
}
