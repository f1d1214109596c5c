import { BarChart } from '@mantine/charts';
import {
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconChartBar, IconDownload } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { type AgingQuery, reportsApi } from '../../api/endpoints.js';
import type { AgingAmounts, AgingBucket, AgingCustomer } from '../../api/types.js';
import { EmptyPanel } from '../../components/EmptyPanel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formatDate } from '../../lib/format.js';
import { formatMoney } from '../../lib/money.js';
import { addDays, todayIso } from '../invoices/dates.js';
import { agingChartData } from './agingChart.js';
import { DrillDownDrawer, type DrillDownTarget } from './DrillDownDrawer.js';

const DEFAULT_BUCKETS = '30,60,90';

/** "30, 60,90" → "30,60,90"; null when it is not ascending whole days. */
function normaliseBuckets(text: string): string | null {
  const parts = text
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((p) => Number(p));
  if (parts.length === 0 || parts.some((n) => !Number.isInteger(n) || n <= 0)) return null;
  if (parts.some((n, i) => i > 0 && n <= parts[i - 1]!)) return null;
  return parts.join(',');
}

function Stat(props: { label: string; value: string; hint?: string; color?: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {props.label}
      </Text>
      <Text size="xl" fw={700} c={props.color}>
        {props.value}
      </Text>
      {props.hint ? (
        <Text size="xs" c="dimmed">
          {props.hint}
        </Text>
      ) : null}
    </Paper>
  );
}

/** Receivables aging as of a date: totals, a stacked bar per bucket, customers by bucket with drill-down, DSO. */
export function ReportsPage() {
  const [asOf, setAsOf] = useState(todayIso());
  const [currency, setCurrency] = useState<string | null>(null);
  const [bucketsText, setBucketsText] = useState(DEFAULT_BUCKETS);
  const [buckets, setBuckets] = useState(DEFAULT_BUCKETS);
  const [bucketsError, setBucketsError] = useState<string | null>(null);
  const [drill, setDrill] = useState<DrillDownTarget | null>(null);

  const query: AgingQuery = {
    asOf: asOf || null,
    currency,
    buckets: buckets === DEFAULT_BUCKETS ? null : buckets,
  };
  const report = useInfiniteQuery({
    queryKey: ['reports', 'aging', query],
    queryFn: ({ pageParam }) => reportsApi.aging({ ...query, limit: 200, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.customers.nextCursor ?? undefined,
  });
  const first = report.data?.pages[0];
  const customers = report.data?.pages.flatMap((p) => p.customers.items) ?? [];
  const dsoTo = first?.asOf ?? asOf;
  const dso = useQuery({
    queryKey: ['reports', 'dso', { to: dsoTo, currency }],
    queryFn: () => reportsApi.dso({ from: addDays(dsoTo, -89), to: dsoTo, currency }),
    enabled: !!dsoTo,
  });
  // Every currency the report has, for the selector (keep the chosen one even when it has nothing open).
  const currencyOptions = [
    ...new Set([...(first?.currencies.map((c) => c.currency) ?? []), ...(currency ? [currency] : [])]),
  ];

  function applyBuckets() {
    const normalised = normaliseBuckets(bucketsText);
    if (!normalised) {
      setBucketsError('Ascending whole days, e.g. 30,60,90');
      return;
    }
    setBucketsError(null);
    setBucketsText(normalised);
    setBuckets(normalised);
  }

  return (
    <>
      <PageHeader
        title="Receivables aging"
        description="What customers owe as of a date, by how long it is past due. Each currency apart; click an amount to see its invoices."
        actions={
          <Button
            component="a"
            href={reportsApi.agingCsvUrl(query)}
            download
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            Export CSV
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md" mb="md">
        <Group gap="sm" align="flex-start">
          <TextInput
            label="As of"
            type="date"
            value={asOf}
            onChange={(e) => setAsOf(e.currentTarget.value)}
            w={170}
          />
          <Select
            label="Currency"
            placeholder="All currencies"
            data={currencyOptions}
            value={currency}
            onChange={setCurrency}
            clearable
            w={170}
          />
          <TextInput
            label="Buckets (days past due)"
            value={bucketsText}
            onChange={(e) => setBucketsText(e.currentTarget.value)}
            onBlur={applyBuckets}
            onKeyDown={(e) => {
              if (e.key === 'Enter') applyBuckets();
            }}
            error={bucketsError}
            w={210}
          />
        </Group>
      </Paper>

      {report.isError ? <QueryError error={report.error} onRetry={() => void report.refetch()} /> : null}

      {first && first.currencies.length === 0 ? (
        <EmptyPanel
          icon={<IconChartBar size={28} />}
          title="Nothing open"
          description={`No invoice is open as of ${formatDate(first.asOf)}${currency ? ` in ${currency}` : ''}.`}
          variant="light"
        />
      ) : null}

      {first?.currencies.map((totals) => {
        const rows = customers.filter((c) => c.currency === totals.currency);
        const dsoFigure = dso.data?.currencies.find((c) => c.currency === totals.currency);
        const chart = agingChartData(first.buckets, rows, totals.currency);
        const m = (minor: number) => formatMoney(minor, totals.currency);
        return (
          <Stack key={totals.currency} mb="xl" gap="md">
            <Title order={3}>{totals.currency}</Title>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              <Stat label="Open receivables" value={m(totals.total)} hint={`${totals.customers} customers`} />
              <Stat
                label="Overdue"
                value={m(totals.overdue)}
                hint={
                  totals.total > 0
                    ? `${Math.round((totals.overdue / totals.total) * 100)}% of open`
                    : undefined
                }
                color={totals.overdue > 0 ? 'red' : undefined}
              />
              <Stat
                label="Unused credit"
                value={m(totals.unappliedCredit)}
                hint={`Balance ${m(totals.balance)}`}
              />
              <Tooltip label={dso.data?.definition ?? ''} multiline w={420} disabled={!dso.data}>
                <div>
                  <Stat
                    label="DSO (90 days)"
                    value={dsoFigure?.dso == null ? '—' : `${dsoFigure.dso} days`}
                    hint={
                      dso.data
                        ? `${formatDate(dso.data.from)} – ${formatDate(dso.data.to)}, sales ${m(dsoFigure?.netSales ?? 0)}`
                        : undefined
                    }
                  />
                </div>
              </Tooltip>
            </SimpleGrid>
            <Paper withBorder radius="md" p="md">
              <Title order={5} mb="sm">
                Open amount by bucket
              </Title>
              <BarChart
                h={260}
                data={chart.data}
                dataKey="bucket"
                type="stacked"
                series={chart.series}
                withLegend
                legendProps={{ verticalAlign: 'bottom' }}
                valueFormatter={(value) =>
                  new Intl.NumberFormat(undefined, { style: 'currency', currency: totals.currency }).format(
                    value,
                  )
                }
                aria-label={`Aging chart ${totals.currency}`}
              />
            </Paper>
            <AgingTable
              buckets={first.buckets}
              totals={totals}
              rows={rows}
              onDrill={(row, bucket) =>
                setDrill({
                  customerId: row.customerId,
                  customerName: row.customerName ?? row.customerCode ?? row.customerId,
                  currency: row.currency,
                  bucket: bucket?.key ?? null,
                  bucketLabel: bucket?.label ?? 'All open documents',
                })
              }
            />
          </Stack>
        );
      })}
      {report.hasNextPage ? (
        <Button
          variant="default"
          loading={report.isFetchingNextPage}
          onClick={() => void report.fetchNextPage()}
        >
          Load more customers
        </Button>
      ) : null}
      <DrillDownDrawer target={drill} query={query} onClose={() => setDrill(null)} />
    </>
  );
}

function AgingTable(props: {
  buckets: AgingBucket[];
  totals: AgingAmounts;
  rows: AgingCustomer[];
  onDrill: (row: AgingCustomer, bucket: AgingBucket | { key: string; label: string } | null) => void;
}) {
  const { totals } = props;
  const m = (minor: number) => formatMoney(minor, totals.currency);
  const cell = (
    row: AgingCustomer,
    amount: number,
    bucket: AgingBucket | { key: string; label: string } | null,
    label: string,
  ) =>
    amount === 0 ? (
      <Text size="sm" c="dimmed">
        —
      </Text>
    ) : (
      <UnstyledButton
        onClick={() => props.onDrill(row, bucket)}
        aria-label={`${row.customerName ?? row.customerId} ${label}: ${m(amount)}`}
        fz="sm"
        c="blue.7"
        style={{ textDecoration: 'underline dotted' }}
      >
        {m(amount)}
      </UnstyledButton>
    );
  return (
    <Paper withBorder radius="md" p="md">
      <Table.ScrollContainer minWidth={900}>
        <Table aria-label={`Aging by customer ${totals.currency}`} fz="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Customer</Table.Th>
              {props.buckets.map((b) => (
                <Table.Th key={b.key} ta="right">
                  {b.label}
                </Table.Th>
              ))}
              <Table.Th ta="right">Total</Table.Th>
              <Table.Th ta="right">Credit</Table.Th>
              <Table.Th ta="right">Balance</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.rows.map((row) => (
              <Table.Tr key={`${row.customerId}-${row.currency}`}>
                <Table.Td>
                  <RouterAnchor
                    to="/receivables/customers/$customerId"
                    params={{ customerId: row.customerId }}
                    size="sm"
                  >
                    {row.customerName ?? row.customerId}
                  </RouterAnchor>
                  {row.customerCode ? (
                    <Text span size="xs" c="dimmed" ff="monospace" ml={6}>
                      {row.customerCode}
                    </Text>
                  ) : null}
                </Table.Td>
                {props.buckets.map((b, i) => (
                  <Table.Td key={b.key} ta="right">
                    {cell(row, row.buckets[i] ?? 0, b, b.label)}
                  </Table.Td>
                ))}
                <Table.Td ta="right" fw={600}>
                  {cell(row, row.total, null, 'total')}
                </Table.Td>
                <Table.Td ta="right">
                  {cell(row, row.unappliedCredit, { key: 'credit', label: 'Unused credit' }, 'credit')}
                </Table.Td>
                <Table.Td ta="right" fw={600}>
                  {m(row.balance)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>Total</Table.Th>
              {props.buckets.map((b, i) => (
                <Fragment key={b.key}>
                  <Table.Th ta="right">{m(totals.buckets[i] ?? 0)}</Table.Th>
                </Fragment>
              ))}
              <Table.Th ta="right">{m(totals.total)}</Table.Th>
              <Table.Th ta="right">{m(totals.unappliedCredit)}</Table.Th>
              <Table.Th ta="right">{m(totals.balance)}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
