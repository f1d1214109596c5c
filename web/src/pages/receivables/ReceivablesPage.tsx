import { Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingStore, IconCash, IconChartBar, IconFileDollar } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { reportsApi } from '../../api/endpoints.js';
import { EmptyPanel } from '../../components/EmptyPanel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formatMoney } from '../../lib/money.js';

/** The receivables overview: what is owed per currency today, and the way into each part. */
export function ReceivablesPage() {
  const aging = useQuery({
    queryKey: ['reports', 'aging', 'overview'],
    queryFn: () => reportsApi.aging({ limit: 1 }),
  });
  return (
    <>
      <PageHeader
        title="Receivables"
        description="What customers owe, what they paid, and what is overdue."
      />
      <Stack gap="lg">
        {aging.isError ? (
          <QueryError error={aging.error} onRetry={() => void aging.refetch()} />
        ) : aging.isPending ? (
          <Skeleton height={96} />
        ) : aging.data.currencies.length === 0 ? (
          <EmptyPanel
            icon={<IconFileDollar size={28} />}
            title="Nothing is owed"
            description="No issued invoice is open. Issue an invoice to a customer to see it here."
          />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {aging.data.currencies.map((c) => (
              <Card key={c.currency} withBorder padding="lg">
                <Text size="sm" c="dimmed">
                  Open in {c.currency} · {c.customers} customer{c.customers === 1 ? '' : 's'}
                </Text>
                <Text size="xl" fw={700}>
                  {formatMoney(c.total, c.currency)}
                </Text>
                <Text size="sm" c={c.overdue > 0 ? 'red' : 'dimmed'}>
                  {formatMoney(c.overdue, c.currency)} overdue
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <Entry
            to="/receivables/customers"
            icon={<IconBuildingStore size={20} />}
            title="Customers"
            text="Accounts, contacts, terms, ledgers and statements"
          />
          <Entry
            to="/receivables/invoices"
            icon={<IconFileDollar size={20} />}
            title="Invoices"
            text="Drafts, issued invoices and credit notes"
          />
          <Entry
            to="/receivables/payments"
            icon={<IconCash size={20} />}
            title="Payments"
            text="Record payments and allocate them"
          />
          <Entry
            to="/reports"
            icon={<IconChartBar size={20} />}
            title="Aging report"
            text="Who owes what since when, as of any date"
          />
        </SimpleGrid>
      </Stack>
    </>
  );
}

function Entry(props: {
  to: '/receivables/customers' | '/receivables/invoices' | '/receivables/payments' | '/reports';
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
