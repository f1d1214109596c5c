import { IconTruckDelivery } from '@tabler/icons-react';
import { ModuleEmptyState } from '../../components/ModuleEmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { RequireArea } from '../../components/RequireArea.js';

export function DispatchPage() {
  return (
    <RequireArea area="dispatch">
      <PageHeader title="Dispatch" description="Orders, shipments, tracking and returns." />
      <ModuleEmptyState
        icon={<IconTruckDelivery size={28} />}
        title="Dispatch is not set up yet"
        description="This area becomes available with the orders and shipping modules. No orders or shipments are recorded yet."
        upcoming={[
          'Orders to ship today, with promised dates and credit-hold checks',
          'Shipments by status, with carrier tracking and computed delay state',
          'Pick lists, packing lists, shipping labels and bills of lading',
          'Returns from authorisation to restock, credit or replacement',
        ]}
      />
    </RequireArea>
  );
}
