import { Button, Paper } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { type AuditFilters, auditApi } from '../../../api/endpoints.js';
import type { AuditEntry } from '../../../api/types.js';
import { PagedTable } from '../../../components/PagedTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
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
      <PagedTable
        list={list}
        label="Audit trail"
        minWidth={900}
        columns={AUDIT_COLUMNS}
        empty="No audit entries match these filters."
        noun="entry"
        nouns="entries"
        row={(entry) => (
          <AuditRow entry={entry} expanded={expanded.has(entry.id)} onToggle={() => toggle(entry.id)} />
        )}
      />
    </>
  );
}
