import {
  Badge,
  Button,
  Center,
  DataList,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowLeft,
  IconCalendarDollar,
  IconCash,
  IconDownload,
  IconFileOff,
  IconMessageReport,
  IconPlayerPause,
  IconReceiptRefund,
  IconRubberStamp,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { isApiError } from '../../api/client.js';
import { invoicesApi, paymentsApi } from '../../api/endpoints.js';
import type { Invoice } from '../../api/types.js';
import { ConfirmModal } from '../../components/ConfirmModal.js';
import { EmptyPanel } from '../../components/EmptyPanel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { RouterAnchor } from '../../components/RouterAnchor.js';
import { formatDate } from '../../lib/format.js';
import { formatMoney } from '../../lib/money.js';
import { describePaymentTerms } from '../customers/paymentTerms.js';
import { useCanWriteDisputes } from '../disputes/access.js';
import { OpenDisputeModal } from '../disputes/OpenDisputeModal.js';
import { InvoiceFollowupPanel } from '../followup/InvoiceFollowupPanel.js';
import { RecordPromiseModal } from '../followup/RecordPromiseModal.js';
import { SnoozeModal } from '../followup/SnoozeModal.js';
import { RecordPaymentModal } from '../payments/RecordPaymentModal.js';
import { useCanWriteReceivables } from './access.js';
import { InvoiceStateBadges, KIND_LABELS } from './badges.js';
import { CreditModal } from './CreditModal.js';
import { CustomerLink } from './CustomerSelect.js';
import { InvoiceEditor } from './InvoiceEditor.js';
import { PdfPreview } from './PdfPreview.js';
import { SendModal } from './SendModal.js';
import { DeliveryLog } from './SendPanel.js';
import { TaxBreakdownTable, TotalsPanel } from './TotalsPanel.js';

export function BackToInvoices() {
  return (
    <RouterAnchor
      to="/receivables/invoices"
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ alignItems: 'center', gap: 4 }}
    >
      <IconArrowLeft size={14} /> Invoices
    </RouterAnchor>
  );
}

export function Panel(props: { title: string; children: ReactNode; label?: string }) {
  return (
    <Paper withBorder radius="md" p="md" aria-label={props.label ?? props.title}>
      <Title order={5} mb="xs">
        {props.title}
      </Title>
      {props.children}
    </Paper>
  );
}

export function Item(props: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{props.label}</DataList.ItemLabel>
      <DataList.ItemValue>{props.children}</DataList.ItemValue>
    </DataList.Item>
  );
}

export function InvoiceDetailPage(props: { invoiceId: string }) {
  const query = useQuery({
    queryKey: ['invoices', 'detail', props.invoiceId],
    queryFn: () => invoicesApi.get(props.invoiceId),
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
        <BackToInvoices />
        {isApiError(query.error, 404) ? (
          <EmptyPanel
            icon={<IconFileOff size={28} />}
            title="Invoice not found"
            description="There is no invoice or credit note with this id; a deleted draft is gone for good."
            role="alert"
          />
        ) : (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        )}
      </>
    );
  return query.data.status === 'draft' ? (
    <DraftView invoice={query.data} />
  ) : (
    <IssuedView invoice={query.data} />
  );
}

function DraftView(props: { invoice: Invoice }) {
  const { invoice } = props;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const canWrite = useCanWriteReceivables();
  const [dirty, setDirty] = useState(false);
  const [confirm, setConfirm] = useState<'issue' | 'delete' | null>(null);
  const kind = KIND_LABELS[invoice.kind];

  const issue = useMutation({
    mutationFn: () => invoicesApi.issue(invoice.id),
    onSuccess: (issued) => {
      queryClient.setQueryData(['invoices', 'detail', issued.id], issued);
      void queryClient.invalidateQueries({ queryKey: ['invoices', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      notifications.show({
        color: 'teal',
        title: `${kind} ${issued.number} issued`,
        message: `${formatMoney(issued.grossTotal, issued.currency)}, due ${formatDate(issued.dueDate)}.`,
      });
      close();
    },
  });
  const remove = useMutation({
    mutationFn: () => invoicesApi.remove(invoice.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['invoices', 'detail', invoice.id] });
      void queryClient.invalidateQueries({ queryKey: ['invoices', 'list'] });
      notifications.show({ color: 'teal', title: 'Draft deleted', message: 'The draft is gone.' });
      void navigate({ to: '/receivables/invoices' });
    },
  });
  function close() {
    setConfirm(null);
    issue.reset();
    remove.reset();
  }

  return (
    <>
      <BackToInvoices />
      <PageHeader
        title={`Draft ${kind.toLowerCase()}`}
        description={
          <Group gap="xs" component="span">
            <InvoiceStateBadges invoice={invoice} />
            <Text span size="sm">
              Not numbered yet: editable until it is issued.
            </Text>
          </Group>
        }
        actions={
          canWrite ? (
            <>
              <Button
                variant="default"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() => setConfirm('delete')}
              >
                Delete draft
              </Button>
              <Button
                leftSection={<IconRubberStamp size={16} />}
                disabled={dirty || invoice.lines.length === 0}
                title={dirty ? 'Save the draft first' : undefined}
                onClick={() => setConfirm('issue')}
              >
                Issue
              </Button>
            </>
          ) : null
        }
      />
      {canWrite ? (
        <InvoiceEditor key={invoice.id} invoice={invoice} onDirtyChange={setDirty} />
      ) : (
        <Text c="dimmed">Only finance users can edit drafts.</Text>
      )}
      {invoice.lines.length > 0 ? (
        <Paper withBorder radius="md" p="md" mt="md" maw={860}>
          <Title order={5} mb="xs">
            Preview
          </Title>
          <PdfPreview
            key={invoice.updatedAt}
            url={invoicesApi.pdfUrl(invoice.id)}
            title={`Draft ${kind.toLowerCase()} PDF`}
          />
        </Paper>
      ) : null}

      <ConfirmModal
        opened={confirm === 'issue'}
        title={`Issue ${kind.toLowerCase()}`}
        message={`The ${kind.toLowerCase()} of ${formatMoney(invoice.grossTotal, invoice.currency)} gets the next number of its series, its due dates and payment reference, and its PDF is archived. After that it cannot be changed — only credited.`}
        confirmLabel="Issue"
        color="blue"
        loading={issue.isPending}
        error={issue.error}
        onConfirm={() => issue.mutate()}
        onClose={close}
      />
      <ConfirmModal
        opened={confirm === 'delete'}
        title="Delete draft"
        message="The draft and its lines are deleted. Nothing was numbered, so no number is lost."
        confirmLabel="Delete"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={close}
      />
    </>
  );
}

function IssuedView(props: { invoice: Invoice }) {
  const { invoice } = props;
  const canWrite = useCanWriteReceivables();
  const [dialog, setDialog] = useState<'pay' | 'send' | 'credit' | 'promise' | 'snooze' | 'dispute' | null>(
    null,
  );
  const canDispute = useCanWriteDisputes();
  const queryClient = useQueryClient();
  const kind = KIND_LABELS[invoice.kind];
  const isInvoice = invoice.kind === 'invoice';
  const m = (minor: number) => formatMoney(minor, invoice.currency);
  const related = useQuery({
    queryKey: ['invoices', 'detail', invoice.relatedInvoiceId],
    queryFn: () => invoicesApi.get(invoice.relatedInvoiceId!),
    enabled: !!invoice.relatedInvoiceId,
  });
  const allocations = useQuery({
    queryKey: ['allocations', { targetId: invoice.id }],
    queryFn: () => paymentsApi.allocations(isInvoice ? { targetId: invoice.id } : { sourceId: invoice.id }),
  });

  return (
    <>
      <BackToInvoices />
      <PageHeader
        title={`${kind} ${invoice.number}`}
        description={
          <Group gap="xs" component="span">
            <InvoiceStateBadges invoice={invoice} />
            <CustomerLink customerId={invoice.customerId} name={invoice.customerName} />
            <Text span size="sm">
              · {m(invoice.grossTotal)}
              {isInvoice && invoice.openAmount > 0 ? `, ${m(invoice.openAmount)} open` : ''}
            </Text>
          </Group>
        }
        actions={
          <>
            {canWrite && isInvoice && invoice.status === 'issued' && invoice.openAmount > 0 ? (
              <Button leftSection={<IconCash size={16} />} onClick={() => setDialog('pay')}>
                Record payment
              </Button>
            ) : null}
            {canWrite && isInvoice && invoice.status === 'issued' && invoice.openAmount > 0 ? (
              <>
                <Button
                  variant="default"
                  leftSection={<IconCalendarDollar size={16} />}
                  onClick={() => setDialog('promise')}
                >
                  Promise to pay
                </Button>
                <Button
                  variant="default"
                  leftSection={<IconPlayerPause size={16} />}
                  onClick={() => setDialog('snooze')}
                >
                  Snooze reminders
                </Button>
              </>
            ) : null}
            {canDispute && isInvoice && invoice.status === 'issued' && invoice.openAmount > 0 ? (
              <Button
                variant="default"
                leftSection={<IconMessageReport size={16} />}
                onClick={() => setDialog('dispute')}
              >
                Open dispute
              </Button>
            ) : null}
            {canWrite ? (
              <Button
                variant="default"
                leftSection={<IconSend size={16} />}
                onClick={() => setDialog('send')}
              >
                Send
              </Button>
            ) : null}
            {canWrite && isInvoice && invoice.status === 'issued' ? (
              <Button
                variant="default"
                leftSection={<IconReceiptRefund size={16} />}
                onClick={() => setDialog('credit')}
              >
                Credit
              </Button>
            ) : null}
            <Button
              component="a"
              href={invoicesApi.pdfUrl(invoice.id)}
              download={`${invoice.number}.pdf`}
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              Download PDF
            </Button>
          </>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            <Grid gap="md">
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Panel title="Summary">
                  <DataList size="sm" labelWidth={140}>
                    <Item label="Customer">
                      <CustomerLink customerId={invoice.customerId} name={invoice.customerName} />
                    </Item>
                    <Item label="Issue date">{formatDate(invoice.issueDate)}</Item>
                    {isInvoice ? <Item label="Due date">{formatDate(invoice.dueDate)}</Item> : null}
                    {isInvoice && invoice.paymentTerms ? (
                      <Item label="Terms">{describePaymentTerms(invoice.paymentTerms)}</Item>
                    ) : null}
                    {invoice.rfReference ? (
                      <Item label="Payment reference">
                        <Text span size="sm" ff="monospace">
                          {invoice.rfReference}
                        </Text>
                      </Item>
                    ) : null}
                    {invoice.purchaseOrder ? (
                      <Item label="Purchase order">{invoice.purchaseOrder}</Item>
                    ) : null}
                    {invoice.relatedInvoiceId ? (
                      <Item label="Credits">
                        <RouterAnchor
                          to="/receivables/invoices/$invoiceId"
                          params={{ invoiceId: invoice.relatedInvoiceId }}
                          size="sm"
                        >
                          {related.data?.number ?? 'the invoice'}
                        </RouterAnchor>
                      </Item>
                    ) : null}
                    <Item label="Language">{invoice.language}</Item>
                    {invoice.voidedAt ? <Item label="Voided">{formatDate(invoice.voidedAt)}</Item> : null}
                  </DataList>
                </Panel>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <TotalsPanel invoice={invoice} showPayments />
              </Grid.Col>
            </Grid>

            <Panel title="Lines">
              <Table.ScrollContainer minWidth={620}>
                <Table aria-label="Lines" fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Description</Table.Th>
                      <Table.Th ta="right">Quantity</Table.Th>
                      <Table.Th ta="right">Unit price</Table.Th>
                      <Table.Th ta="right">Disc.</Table.Th>
                      <Table.Th ta="right">Tax</Table.Th>
                      <Table.Th ta="right">Net</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {invoice.lines.map((line) => (
                      <Table.Tr key={line.id}>
                        <Table.Td>{line.description}</Table.Td>
                        <Table.Td ta="right">
                          {line.quantity} {line.unit}
                        </Table.Td>
                        <Table.Td ta="right">{line.unitPrice}</Table.Td>
                        <Table.Td ta="right">
                          {line.discountPercent === '0' ? '—' : `${line.discountPercent}%`}
                        </Table.Td>
                        <Table.Td ta="right">
                          {line.taxCategory} {line.taxRate}%
                        </Table.Td>
                        <Table.Td ta="right">{m(line.netAmount)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Panel>

            <Panel title="Tax breakdown">
              <TaxBreakdownTable invoice={invoice} />
            </Panel>

            {isInvoice && invoice.instalments && invoice.instalments.length > 0 ? (
              <Panel title={invoice.instalments.length > 1 ? 'Instalments' : 'Due date'}>
                <Table fz="sm" aria-label="Instalments">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>#</Table.Th>
                      <Table.Th>Due</Table.Th>
                      <Table.Th ta="right">Amount</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {invoice.instalments.map((i) => (
                      <Table.Tr key={i.number}>
                        <Table.Td>{i.number}</Table.Td>
                        <Table.Td>{formatDate(i.dueDate)}</Table.Td>
                        <Table.Td ta="right">{m(i.amount)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {invoice.earlyDiscount ? (
                  <Text size="sm" mt="xs">
                    Early payment: {invoice.earlyDiscount.percent}% off (
                    {m(invoice.earlyDiscount.discountedAmount)}) if paid by{' '}
                    {formatDate(invoice.earlyDiscount.deadline)}.
                  </Text>
                ) : null}
              </Panel>
            ) : null}

            <Panel title={isInvoice ? 'Payments and credits' : 'Credit applied'}>
              {allocations.data?.allocations.length ? (
                <Table fz="sm" aria-label="Settlements">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Date</Table.Th>
                      <Table.Th>{isInvoice ? 'From' : 'To'}</Table.Th>
                      <Table.Th ta="right">Amount</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {allocations.data.allocations.map((a) => {
                      const otherType = isInvoice ? a.sourceType : a.targetType;
                      const otherId = isInvoice ? a.sourceId : a.targetId;
                      return (
                        <Table.Tr key={a.id}>
                          <Table.Td>{formatDate(a.date)}</Table.Td>
                          <Table.Td>
                            {otherType === 'payment' ? (
                              <RouterAnchor
                                to="/receivables/payments/$paymentId"
                                params={{ paymentId: otherId }}
                                size="sm"
                              >
                                Payment {a.reversesId ? '(reversal)' : ''}
                              </RouterAnchor>
                            ) : otherType === 'credit_note' || otherType === 'invoice' ? (
                              <RouterAnchor
                                to="/receivables/invoices/$invoiceId"
                                params={{ invoiceId: otherId }}
                                size="sm"
                              >
                                {otherType === 'credit_note' ? 'Credit note' : 'Invoice'}
                              </RouterAnchor>
                            ) : (
                              <Badge variant="outline" color="gray" size="sm">
                                {otherType.replace('_', ' ')}
                              </Badge>
                            )}
                          </Table.Td>
                          <Table.Td ta="right" c={a.amount < 0 ? 'red' : undefined}>
                            {m(a.amount)}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text size="sm" c="dimmed">
                  {allocations.isPending ? 'Loading…' : isInvoice ? 'Nothing paid yet.' : 'Not applied yet.'}
                </Text>
              )}
            </Panel>

            {isInvoice ? <InvoiceFollowupPanel invoiceId={invoice.id} /> : null}
            <DeliveryLog invoiceId={invoice.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Panel title="PDF" label="PDF preview">
            <PdfPreview url={invoicesApi.pdfUrl(invoice.id)} title={`${kind} ${invoice.number} PDF`} />
          </Panel>
        </Grid.Col>
      </Grid>

      {dialog === 'pay' ? (
        <RecordPaymentModal
          prefill={{
            customerId: invoice.customerId,
            currency: invoice.currency,
            amount: invoice.openAmount,
            reference: invoice.rfReference ?? invoice.number ?? '',
            autoAllocate: true,
          }}
          onClose={() => setDialog(null)}
          onRecorded={() => {
            void queryClient.invalidateQueries({ queryKey: ['invoices'] });
            void queryClient.invalidateQueries({ queryKey: ['allocations'] });
          }}
        />
      ) : null}
      {dialog === 'send' ? <SendModal invoice={invoice} onClose={() => setDialog(null)} /> : null}
      {dialog === 'credit' ? <CreditModal invoice={invoice} onClose={() => setDialog(null)} /> : null}
      {dialog === 'promise' ? (
        <RecordPromiseModal
          customerId={invoice.customerId}
          invoiceIds={[invoice.id]}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'snooze' ? <SnoozeModal invoice={invoice} onClose={() => setDialog(null)} /> : null}
      {dialog === 'dispute' ? <OpenDisputeModal invoice={invoice} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
