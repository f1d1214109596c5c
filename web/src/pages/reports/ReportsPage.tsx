import { IconChartBar } from '@tabler/icons-react';
import { ComingSoonPage } from '../../components/ComingSoonPage.js';

export function ReportsPage() {
  return (
    <ComingSoonPage
      title="Reports"
      description="Receivables and dispatch performance."
      icon={<IconChartBar size={28} />}
      emptyTitle="No reports yet"
      emptyDescription="Reports become available once invoices, payments and shipments are recorded."
      upcoming={[
        'Receivables aging as of any date, and open items per customer',
        'DSO, collection effectiveness and payer behaviour',
        'Cash forecast for the coming weeks',
        'On-time dispatch rate and late or stalled shipments',
      ]}
    />
  );
}
