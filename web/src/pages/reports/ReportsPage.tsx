import { IconChartBar } from '@tabler/icons-react';
import { ModuleEmptyState } from '../../components/ModuleEmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { RequireArea } from '../../components/RequireArea.js';

export function ReportsPage() {
  return (
    <RequireArea area="reports">
      <PageHeader title="Reports" description="Receivables and dispatch performance." />
      <ModuleEmptyState
        icon={<IconChartBar size={28} />}
        title="No reports yet"
        description="Reports become available once invoices, payments and shipments are recorded."
        upcoming={[
          'Receivables aging as of any date, and open items per customer',
          'DSO, collection effectiveness and payer behaviour',
          'Cash forecast for the coming weeks',
          'On-time dispatch rate and late or stalled shipments',
        ]}
      />
    </RequireArea>
  );
}
