import { Card, Group, List, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconPackage, IconStack2, IconTruckDelivery } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { EmptyPanel } from '../../components/EmptyPanel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';

/** The dispatch overview: the way into products and stock, and what is still to come. */
export function DispatchPage() {
  return (
    <>
      <PageHeader title="Dispatch" description="Products, stock, and soon orders, shipments and tracking." />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
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
        <EmptyPanel
          icon={<IconTruckDelivery size={28} />}
          title="Orders and shipping pages are not here yet"
          description="Sales orders already reserve stock on the server; the pages to work with them come next. Nothing below is shown yet."
          variant="light"
        >
          <Text size="sm" fw={500} mt="md">
            Still to come
          </Text>
          <List size="sm" c="dimmed" mt={4} ta="left" maw={520} mx="auto">
            <List.Item>Orders to ship today, with promised dates and credit-hold checks</List.Item>
            <List.Item>
              Pack &amp; ship: pick lists, packing lists, shipping labels and bills of lading
            </List.Item>
            <List.Item>Shipments by status, with carrier tracking and computed delay state</List.Item>
            <List.Item>Returns from authorisation to restock, credit or replacement</List.Item>
          </List>
        </EmptyPanel>
      </Stack>
    </>
  );
}

function Entry(props: {
  to: '/dispatch/products' | '/dispatch/stock';
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
