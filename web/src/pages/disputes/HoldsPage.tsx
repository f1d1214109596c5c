import { Button, Group, Select, Table, Text } from '@mantine/core';
import { IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { creditApi } from '../../api/endpoints.js';
import type { HeldCustomer, HoldCause } from '../../api/types.js';
import { HoldDialog } from '../../components/HoldBanner.js';
import { PagedTable } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ACTIONS_COLUMN } from '../../components/TableHead.js';
import { formatDateTime } from '../../lib/format.js';
import { useCursorList } from '../../lib/useCursorList.js';
import { CustomerLink } from '../invoices/CustomerSelect.js';
import { CAUSE_LABELS, useCanManageHolds } from './access.js';
import { OverdueThresholds } from './OverdueThresholds.js';

const COLUMNS = ['Customer', 'Cause', 'Reason', 'Since', ACTIONS_COLUMN];
const CAUSES = Object.keys(CAUSE_LABELS) as HoldCause[];

/** Customers on credit hold: their orders cannot ship until every hold is released. */
export function HoldsPage() {
  const canManage = useCanManageHolds();
  const [cause, setCause] = useState<HoldCause | null>(null);
  const [releasing, setReleasing] = useState<HeldCustomer | null>(null);
  const list = useCursorList(['holds', 'list', { cause }], (page) => creditApi.list({ cause, ...page }));
  return (
    <>
      <PageHeader
        title="Credit holds"
        description="Customers on credit hold, oldest first. Their shipments are refused until every hold is released; holds from the credit limit or an overdue balance are released by themselves once paid."
      />
      <PagedTable
        list={list}
        label="Credit holds"
        minWidth={850}
        columns={COLUMNS}
        empty="No customer is on credit hold."
        noun="hold"
        toolbar={
          <Group mb="md">
            <Select
              aria-label="Cause"
              placeholder="Any cause"
              clearable
              w={280}
              data={CAUSES.map((c) => ({ value: c, label: CAUSE_LABELS[c] }))}
              value={cause}
              onChange={(v) => setCause((v as HoldCause | null) ?? null)}
            />
          </Group>
        }
        row={(h) => (
          <Table.Tr>
            <Table.Td>
              <CustomerLink customerId={h.customerId} name={h.customerName} />
              {h.customerCode ? (
                <Text span size="xs" c="dimmed" ff="monospace" ml={6}>
                  {h.customerCode}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>{CAUSE_LABELS[h.cause]}</Table.Td>
            <Table.Td>
              <Text size="sm">{h.reason}</Text>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Text size="sm">{formatDateTime(h.placedAt)}</Text>
              <Text size="xs" c="dimmed">
                {h.placedBy ?? ''}
              </Text>
            </Table.Td>
            <Table.Td>
              {canManage ? (
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconLockOpen size={14} />}
                  onClick={() => setReleasing(h)}
                  aria-label={`Release the hold of ${h.customerName ?? h.customerId}`}
                >
                  Release
                </Button>
              ) : null}
            </Table.Td>
          </Table.Tr>
        )}
      />
      <OverdueThresholds />
      {releasing ? (
        <HoldDialog
          customerId={releasing.customerId}
          dialog={{ kind: 'release', hold: releasing }}
          onClose={() => setReleasing(null)}
        />
      ) : null}
    </>
  );
}
