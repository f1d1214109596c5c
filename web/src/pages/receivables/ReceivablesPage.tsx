import { IconFileInvoice } from '@tabler/icons-react';
import { ModuleEmptyState } from '../../components/ModuleEmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { RequireArea } from '../../components/RequireArea.js';

export function ReceivablesPage() {
  return (
    <RequireArea area="receivables">
      <PageHeader title="Receivables" description="Invoices, credit notes, payments and their follow-up." />
      <ModuleEmptyState
        icon={<IconFileInvoice size={28} />}
        title="Receivables are not set up yet"
        description="This area becomes available with the invoicing and payments modules. No invoices or payments are recorded yet."
        upcoming={[
          'Open and overdue invoices with their open amounts, due dates and follow-up step',
          'Payments received by every method, and how they were allocated',
          'Bank statement imports and the cash-application review queue',
          'Reminders, dunning steps, credit holds and disputes',
        ]}
      />
    </RequireArea>
  );
}
