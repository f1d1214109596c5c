import { IconFileInvoice } from '@tabler/icons-react';
import { ComingSoonPage } from '../../components/ComingSoonPage.js';

export function ReceivablesPage() {
  return (
    <ComingSoonPage
      title="Receivables"
      description="Invoices, credit notes, payments and their follow-up."
      icon={<IconFileInvoice size={28} />}
      emptyTitle="Receivables are not set up yet"
      emptyDescription="This area becomes available with the invoicing and payments modules. No invoices or payments are recorded yet."
      upcoming={[
        'Open and overdue invoices with their open amounts, due dates and follow-up step',
        'Payments received by every method, and how they were allocated',
        'Bank statement imports and the cash-application review queue',
        'Reminders, dunning steps, credit holds and disputes',
      ]}
    />
  );
}
