import { Badge, Button, Center, DataList, Grid, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconArrowLeft, IconCashOff, IconLink, IconWand } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/client.js';
import { invoicesApi, paymentsApi } from '../../api/endpoints.js';
import type { Allocation, PaymentDetail } from '../../api/types.js';
import { EmptyPanel } from '../../components/EmptyPanel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { actionErrorMessage } from '../../lib/errorMessage.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { formatMoney } from '../../lib/money.js';
import { useCanWriteReceivables } from '../invoices/access.js';
import { METHOD_LABELS, PaymentStateBadge } from '../invoices/badges.js';
import { CustomerLink } from '../invoices/CustomerSelect.js';
import { Item, Panel } from '../invoices/InvoiceDetailPage.js';
import { AllocateModal } from './AllocateModal.js';
import { ReverseModal } from './ReverseModal.js';

function BackToPayments() {
  return (
    <RouterAnchor
      to="/receivables/payments"
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ alignItems: 'center', gap: 4 }}
    >
      <IconArrowLeft size={14} /> Payments
    </RouterAnchor>
  );
}

export function PaymentDetailPage(props: { paymentId: string }) {
  const query = useQuery({
    queryKey: ['payments', 'detail', props.paymentId],
    queryFn: () => paymentsApi.get(props.paymentId),
  });
  if (query.isPending)
    return (
      <Center py="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (query.isError)
    return (
      <>
        <BackToPayments />
        {isApiError(query.error, 404) ? (
          <EmptyPanel
            icon={<IconCashOff size={28} />}
            title="Payment not found"
            description="There is no payment with this id."
            role="alert"
          />
        ) : (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        )}
      </>
    );
  return <PaymentView payment={query.data} />;
}

function AllocationTarget(props: { allocation: Allocation }) {
  const a = props.allocation;
  const invoice = useQuery({
    queryKey: ['invoices', 'detail', a.targetId],
    queryFn: () => invoicesApi.get(a.targetId),
    enabled: a.targetType === 'invoice',
    staleTime: 60_000,
  });
  if (a.targetType === 'invoice')
    return (
      <RouterAnchor
        to="/receivables/invoices/$invoiceId"
        params={{ invoiceId: a.targetId }}
        size="sm"
        ff="monospace"
      >
        {invoice.data?.number ?? a.targetId}
      </RouterAnchor>
    );
  return (
    <Badge variant="outline" color="gray" size="sm">
      {a.targetType === 'customer_credit' ? 'Credit on account' : a.targetType.replace('_', ' ')}
    </Badge>
  );
}

function PaymentView(props: { payment: PaymentDetail }) {
  const { payment: p } = props;
  const canWrite = useCanWriteReceivables();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'allocate' | 'reverse' | null>(null);
  const m = (minor: number) => formatMoney(minor, p.currency);
  const reversed = p.status === 'reversed';

  const auto = useMutation({
    mutationFn: () => paymentsApi.autoAllocate(p.id, { creditRemainder: false }),
    onSuccess: (result) => {
      for (const key of ['payments', 'invoices', 'accounts', 'reports', 'allocations'])
        void queryClient.invalidateQueries({ queryKey: [key] });
      notifications.show({
        color: 'teal',
        title: 'Payment allocated',
        message: `${m(result.payment.appliedAmount)} allocated${result.matchedBy === 'reference' ? ' by the reference' : result.matchedBy === 'oldest_due' ? ', oldest due first' : ''}.`,
      });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not allocated', message: actionErrorMessage(error) }),
  });

  return (
    <>
      <BackToPayments />
      <PageHeader
        title={`Payment of ${m(p.amount)}`}
        description={
          <Group gap="xs" component="span">
            <PaymentStateBadge state={p.state} />
            <Text span size="sm">
              {METHOD_LABELS[p.method]} received {formatDate(p.receivedDate)} from
            </Text>
            <CustomerLink customerId={p.customerId} />
          </Group>
        }
        actions={
          canWrite && !reversed ? (
            <>
              {p.unappliedAmount > 0 ? (
                <>
                  <Button
                    variant="default"
                    leftSection={<IconWand size={16} />}
                    loading={auto.isPending}
                    onClick={() => auto.mutate()}
                  >
                    Allocate automatically
                  </Button>
                  <Button leftSection={<IconLink size={16} />} onClick={() => setDialog('allocate')}>
                    Allocate
                  </Button>
                </>
              ) : null}
              <Button
                variant="default"
                color="red"
                leftSection={<IconArrowBackUp size={16} />}
                onClick={() => setDialog('reverse')}
              >
                Reverse
              </Button>
            </>
          ) : null
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Panel title="Payment">
              <DataList size="sm" labelWidth={140}>
                <Item label="Amount">{m(p.amount)}</Item>
                <Item label="Allocated">{m(p.appliedAmount)}</Item>
                <Item label="Unapplied">{m(p.unappliedAmount)}</Item>
                <Item label="Method">{METHOD_LABELS[p.method]}</Item>
                <Item label="Received">{formatDate(p.receivedDate)}</Item>
                {p.reference ? <Item label="Reference">{p.reference}</Item> : null}
                {p.payerName ? <Item label="Payer">{p.payerName}</Item> : null}
                {p.payerIban ? (
                  <Item label="Payer IBAN">
                    <Text span size="sm" ff="monospace">
                      {p.payerIban}
                    </Text>
                  </Item>
                ) : null}
                {p.bankReference ? <Item label="Bank reference">{p.bankReference}</Item> : null}
                {p.valueDate ? <Item label="Value date">{formatDate(p.valueDate)}</Item> : null}
                {p.chequeNumber ? <Item label="Cheque number">{p.chequeNumber}</Item> : null}
                {p.draweeBank ? <Item label="Bank">{p.draweeBank}</Item> : null}
                {p.depositDate ? <Item label="Deposited">{formatDate(p.depositDate)}</Item> : null}
                {p.providerReference ? <Item label="Provider reference">{p.providerReference}</Item> : null}
                {p.receiptNumber ? <Item label="Receipt">{p.receiptNumber}</Item> : null}
                {p.notes ? <Item label="Notes">{p.notes}</Item> : null}
                <Item label="Recorded">{formatDateTime(p.createdAt)}</Item>
              </DataList>
            </Panel>
            {p.reversal ? (
              <Panel title="Reversed">
                <Text size="sm">
                  On {formatDate(p.reversal.date)}: {p.reversal.reason}
                </Text>
              </Panel>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Panel title="Allocations">
            {p.allocations.length === 0 ? (
              <Text size="sm" c="dimmed">
                Not allocated yet.
              </Text>
            ) : (
              <Table aria-label="Allocations" fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Date</Table.Th>
                    <Table.Th>To</Table.Th>
                    <Table.Th ta="right">Amount</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.allocations.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{formatDate(a.date)}</Table.Td>
                      <Table.Td>
                        <Group gap={6}>
                          <AllocationTarget allocation={a} />
                          {a.reversesId ? (
                            <Badge size="xs" color="red" variant="light">
                              reversal
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right" c={a.amount < 0 ? 'red' : undefined}>
                        {m(a.amount)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Panel>
        </Grid.Col>
      </Grid>
      {dialog === 'allocate' ? <AllocateModal payment={p} onClose={() => setDialog(null)} /> : null}
      {dialog === 'reverse' ? <ReverseModal payment={p} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
