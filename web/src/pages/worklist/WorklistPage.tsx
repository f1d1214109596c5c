import { IconChecklist } from '@tabler/icons-react';
import { useSession } from '../../auth/session.js';
import { ComingSoonPage } from '../../components/ComingSoonPage.js';

export function WorklistPage() {
  const { user } = useSession();
  const firstName = user.name.split(/\s+/)[0] ?? user.name;
  return (
    <ComingSoonPage
      title="Worklist"
      description={`Good to see you, ${firstName}. Everything that needs a person today, across payments and dispatch, for your roles.`}
      icon={<IconChecklist size={28} />}
      emptyTitle="Nothing to work on yet"
      emptyDescription="The worklist fills up once invoicing, payments and shipping are in use. Each item will show why it needs you and the next action, one click away."
      upcoming={[
        'Overdue invoices due for a reminder, and promises to pay that were broken',
        'Bank statement lines waiting for review in cash application',
        'Orders that must ship today, late or stuck shipments, and carrier exceptions',
        'Open disputes and returns with their deadlines and owners',
      ]}
    />
  );
}
