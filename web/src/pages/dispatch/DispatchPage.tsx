import { Card, Group, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import {
  IconBuildingWarehouse,
  IconClipboardList,
  IconPackage,
  IconRoute,
  IconStack2,
  IconTruck,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { PageHeader } from '../../components/PageHeader.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';

/** The dispatch overview: the way into orders, shipments, tracking, carriers, products and stock. */
export function DispatchPage() {
  return (
    <>
      <PageHeader
        title="Dispatch"
        description="Orders to ship, shipments from pick to the door, carrier tracking, products and stock."
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Entry
          to="/dispatch/orders"
          icon={<IconClipboardList size={20} />}
          title="Orders"
          text="Sales orders: confirm to reserve stock, see backorders, ship all or part, invoice"
        />
        <Entry
          to="/dispatch/shipments"
          icon={<IconTruck size={20} />}
          title="Shipments"
          text="Pick, pack (scan SKUs, weigh packages, SSCC), ship, print labels and documents, follow tracking"
        />
        <Entry
          to="/dispatch/tracking"
          icon={<IconRoute size={20} />}
          title="Tracking review"
          text="Carrier updates that matched no shipment, and the CSV import of tracking events"
        />
        <Entry
          to="/dispatch/carriers"
          icon={<IconBuildingWarehouse size={20} />}
          title="Carriers"
          text="SCAC, tracking pages, webhook URL and secret per carrier"
        />
        <Entry
          to="/dispatch/products"
          icon={<IconPackage size={20} />}
          title="Products"
          text="SKUs, barcodes, units, weights and sizes, customs data; CSV import and export"
        />
        <Entry
          to="/dispatch/stock"
          icon={<IconStack2 size={20} />}
          title="Stock"
          text="On hand, reserved and available per warehouse; receive, adjust, and the movement ledger"
        />
      </SimpleGrid>
    </>
  );
}

function Entry(props: {
  to:
    | '/dispatch/orders'
    | '/dispatch/shipments'
    | '/dispatch/tracking'
    | '/dispatch/carriers'
    | '/dispatch/products'
    | '/dispatch/stock';
  icon: ReactNode;
  title: string;
  text: string;
}) {
  return (
    <Card withBorder padding="md">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" size="lg">
          {props.icon}
        </ThemeIcon>
        <div>
          <RouterAnchor to={props.to} fw={600}>
            {props.title}
          </RouterAnchor>
          <Text size="sm" c="dimmed">
            {props.text}
          </Text>
        </div>
      </Group>
    </Card>
  );
}
