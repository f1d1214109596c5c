import { IconTruckDelivery } from '@tabler/icons-react';
import { ComingSoonPage } from '../../components/ComingSoonPage.js';

export function DispatchPage() {
  return (
    <ComingSoonPage
      title="Dispatch"
      description="Orders, shipments, tracking and returns."
      icon={<IconTruckDelivery size={28} />}
      emptyTitle="Dispatch is not set up yet"
      emptyDescription="This area becomes available with the orders and shipping modules. No orders or shipments are recorded yet."
      upcoming={[
        'Orders to ship today, with promised dates and credit-hold checks',
        'Shipments by status, with carrier tracking and computed delay state',
        'Pick lists, packing lists, shipping labels and bills of lading',
        'Returns from authorisation to restock, credit or replacement',
      ]}
    />
  );
}
