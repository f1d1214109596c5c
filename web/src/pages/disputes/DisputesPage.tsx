import { Group, SegmentedControl, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { disputesApi } from '../../api/endpoints.js';
import { DISPUTE_REASONS, type DisputeReason, type DisputeStatus } from '../../api/types.js';
import { PagedTable } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formatDate } from '../../lib/format.js';
import { formatMoney } from '../../lib/money.js';
import { useCursorList } from '../../lib/useCursorList.js';
import { CustomerLink, CustomerSelect } from '../invoices/CustomerSelect.js';
import { REASON_LABELS } from './access.js';
import { DisputeStatusBadge } from './DisputeBadges.js';

const COLUMNS = [
  'Case',
  'Customer',
  'Invoice',
  'Reason',
  { label: 'Amount', ta: 'right' as const },
  'Deadline',
  'Status',
];
const STATUS_FILTERS = ['open', 'investigating', 'resolved', 'rejected'] as const;

/** Dispute cases: the open ones to work on, the closed ones for the record. A case is opened from its invoice. */
export function DisputesPage() {
  const [status, setStatus] = useState<string>('active');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [reason, setReason] = useState<DisputeReason | null>(null);
  const filters = {
    customerId,
    reason,
    open: status === 'active' ? ('true' as const) : null,
    status: (STATUS_FILTERS as readonly string[]).includes(status) ? (status as DisputeStatus) : null,
  };
  const list = useCursorList(['disputes', 'list', filters], (page) =>
    disputesApi.list({ ...filters, ...page }),
  );
  const today = new Date().toISOString().slice(0, 10);

  return (
    <>
      <PageHeader
        title="Disputes"
        description="Cases on disputed invoices or amounts. An open case pauses the invoice's reminders until it is resolved or rejected. Open a case from the invoice."
      />
      <PagedTable
        list={list}
        label="Disputes"
        minWidth={950}
        columns={COLUMNS}
        empty={status === 'active' ? 'No open disputes.' : 'No disputes match these filters.'}
        noun="dispute"
        toolbar={
          <Group mb="md" gap="sm" align="flex-end">
            <SegmentedControl
              aria-label="Status"
              data={[
                { value: 'active', label: 'Open & investigating' },
                ...STATUS_FILTERS.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) })),
                { value: 'all', label: 'All' },
              ]}
              value={status}
              onChange={setStatus}
            />
            <CustomerSelect
              value={customerId}
              onChange={(id) => setCustomerId(id)}
              clearable
              placeholder="Any customer"
              w={240}
            />
            <Select
              aria-label="Reason"
              placeholder="Any reason"
              clearable
              w={200}
              data={DISPUTE_REASONS.map((r) => ({ value: r, label: REASON_LABELS[r] }))}
              value={reason}
              onChange={(v) => setReason((v as DisputeReason | null) ?? null)}
            />
          </Group>
        }
        row={(d) => (
          <Table.Tr>
            <Table.Td>
              <RouterAnchor to="/receivables/disputes/$disputeId" params={{ disputeId: d.id }} size="sm">
                {d.number}
              </RouterAnchor>
            </Table.Td>
            <Table.Td>
              <CustomerLink customerId={d.customerId} />
            </Table.Td>
            <Table.Td>
              <RouterAnchor
                to="/receivables/invoices/$invoiceId"
                params={{ invoiceId: d.invoiceId }}
                size="sm"
              >
                {d.invoiceNumber}
              </RouterAnchor>
            </Table.Td>
            <Table.Td>{REASON_LABELS[d.reason]}</Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {formatMoney(d.amount, d.currency)}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Text
                size="sm"
                c={
                  d.deadline && d.deadline < today && (d.status === 'open' || d.status === 'investigating')
                    ? 'red'
                    : undefined
                }
              >
                {formatDate(d.deadline)}
              </Text>
            </Table.Td>
            <Table.Td>
              <DisputeStatusBadge status={d.status} />
            </Table.Td>
          </Table.Tr>
        )}
      />
    </>
  );
}
