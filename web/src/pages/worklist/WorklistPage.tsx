import { IconChecklist } from '@tabler/icons-react';
import { useSession } from '../../auth/session.js';
import { ModuleEmptyState } from '../../components/ModuleEmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';

export function WorklistPage() {
  const { user } = useSession();
  const firstName = user.name.split(/\s+/)[0] ?? user.name;
  return (
    <>
      <PageHeader
        title="Worklist"
        description={`Good to see you, ${firstName}. Everything that needs a person today, across payments and dispatch, for your roles.`}
      />
      <ModuleEmptyState
        icon={<IconChecklist size={28} />}
        title="Nothing to work on yet"
        description="The worklist fills up once invoicing, payments and shipping are in use. Each item will show why it needs you and the next action, one click away."
        upcoming={[
          'Overdue invoices due for a reminder, and promises to pay that were broken',
          'Bank statement lines waiting for review in cash application',
          'Orders that must ship today, late or stuck shipments, and carrier exceptions',
          'Open disputes and returns with their deadlines and owners',
        ]}
      />
    </>
  );
}
