import {
  Anchor,
  Button,
  Center,
  DataList,
  Grid,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Stepper,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconClipboardCheck, IconFileDollar, IconFileOff, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { isApiError } from '../../../api/client.js';
import { shipmentsApi } from '../../../api/endpoints.js';
import type { Shipment } from '../../../api/types.js';
import { ConfirmModal } from '../../../components/ConfirmModal.js';
import { EmptyPanel } from '../../../components/EmptyPanel.js';
import { ModalForm } from '../../../components/ModalForm.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { QueryError } from '../../../components/QueryError.js';
import { RouterAnchor } from '../../../components/RouterAnchor.js';
import { fieldErrors, formError } from '../../../lib/fieldErrors.js';
import { formatDateTime } from '../../../lib/format.js';
import { useCanSeeReceivables } from '../../orders/access.js';
import { CustomerName } from '../../orders/CustomerName.js';
import { InvoiceDraftModal } from '../../orders/InvoiceOrderModal.js';
import { formatAddress } from '../../orders/OrderDetailPage.js';
import { useWarehouses } from '../access.js';
import { useCarriers } from '../carriers/access.js';
import { TrackingPanel } from '../tracking/TrackingTimeline.js';
import { useCanInvoiceShipments, useCanWriteShipments, useCanWriteTracking } from './access.js';
import { FREIGHT_TERMS_LABELS, formatKg, ShipmentStatusBadge } from './badges.js';
import { DelayBadge } from './DelayBadge.js';
import { DocumentsPanel } from './DocumentsPanel.js';
import { PackStep } from './PackStep.js';
import { ShipStep } from './ShipStep.js';

function BackToShipments() {
  return (
    <RouterAnchor
      to="/dispatch/shipments"
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ alignItems: 'center', gap: 4 }}
    >
      <IconArrowLeft size={14} /> Shipments
    </RouterAnchor>
  );
}

function Panel(props: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" aria-label={props.title}>
      <Title order={5} mb="xs">
        {props.title}
      </Title>
      {props.children}
    </Paper>
  );
}

function Item(props: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{props.label}</DataList.ItemLabel>
      <DataList.ItemValue>{props.children}</DataList.ItemValue>
    </DataList.Item>
  );
}

export const shipmentQuery = (id: string) => ({
  queryKey: ['shipments', 'detail', id],
  queryFn: () => shipmentsApi.get(id),
});

export function ShipmentDetailPage(props: { shipmentId: string }) {
  const query = useQuery(shipmentQuery(props.shipmentId));
  if (query.isPending)
    return (
      <Center py="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (query.isError)
    return (
      <>
        <BackToShipments />
        {isApiError(query.error, 404) ? (
          <EmptyPanel
            icon={<IconFileOff size={28} />}
            title="Shipment not found"
            description="There is no shipment with this id."
            role="alert"
          />
        ) : (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        )}
      </>
    );
  return <ShipmentView shipment={query.data} />;
}

const STEP: Record<Shipment['status'], number> = {
  draft: 0,
  picked: 1,
  packed: 2,
  shipped: 3,
  delivered: 4,
  returned: 4,
  lost: 3,
  cancelled: 0,
};

function ShipmentView(props: { shipment: Shipment }) {
  const { shipment } = props;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const canWrite = useCanWriteShipments();
  const canTrack = useCanWriteTracking();
  const canInvoice = useCanInvoiceShipments();
  const canSeeInvoices = useCanSeeReceivables();
  const warehouses = useWarehouses();
  const carriers = useCarriers();
  const [dialog, setDialog] = useState<'pick' | 'cancel' | 'invoice' | null>(null);
  const onChanged = (changed: Shipment) => {
    queryClient.setQueryData(['shipments', 'detail', changed.id], changed);
    void queryClient.invalidateQueries({ queryKey: ['shipments', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['orders'] });
  };
  const pick = useMutation({
    mutationFn: () => shipmentsApi.pick(shipment.id),
    onSuccess: (picked) => {
      onChanged(picked);
      notifications.show({ color: 'teal', title: `${picked.number} picked`, message: 'Now pack it.' });
      setDialog(null);
    },
  });

  const preparing =
    shipment.status === 'draft' || shipment.status === 'picked' || shipment.status === 'packed';
  const shippedOrLater = !preparing && shipment.status !== 'cancelled';
  const invoiceable = canInvoice && !shipment.invoiceId && shippedOrLater && shipment.kind === 'regular';
  const linesById = new Map(shipment.lines.map((l) => [l.id, l]));
  const pickList = shipment.documents.find((d) => d.kind === 'pick_list');

  return (
    <>
      <BackToShipments />
      <PageHeader
        title={`Shipment ${shipment.number}`}
        description={
          <Group gap="xs" component="span">
            <ShipmentStatusBadge status={shipment.status} />
            <DelayBadge entityType="shipment" id={shipment.id} />
            <Text span size="sm">
              Order{' '}
              <RouterAnchor to="/dispatch/orders/$orderId" params={{ orderId: shipment.orderId }} size="sm">
                {shipment.orderNumber ?? 'order'}
              </RouterAnchor>{' '}
              ·
            </Text>
            {shipment.customerName ? (
              <Text span size="sm">
                {shipment.customerName}
              </Text>
            ) : (
              <CustomerName customerId={shipment.customerId} />
            )}
            {shipment.kind === 'replacement' ? (
              <Text span size="sm" c="dimmed">
                · replacement{shipment.replacementReason ? `: ${shipment.replacementReason}` : ''}
              </Text>
            ) : null}
          </Group>
        }
        actions={
          <>
            {canWrite && preparing ? (
              <Button
                variant="default"
                color="red"
                leftSection={<IconX size={16} />}
                onClick={() => setDialog('cancel')}
              >
                Cancel shipment
              </Button>
            ) : null}
            {invoiceable ? (
              <Button
                variant="default"
                leftSection={<IconFileDollar size={16} />}
                onClick={() => setDialog('invoice')}
              >
                Create invoice
              </Button>
            ) : null}
            {canWrite && shipment.status === 'draft' ? (
              <Button leftSection={<IconClipboardCheck size={16} />} onClick={() => setDialog('pick')}>
                Mark picked
              </Button>
            ) : null}
          </>
        }
      />
      <Stack>
        {shipment.status === 'cancelled' ? null : (
          <Stepper active={STEP[shipment.status]} size="sm" allowNextStepsSelect={false}>
            <Stepper.Step label="Pick" description={formatDateTime(shipment.pickedAt)} />
            <Stepper.Step label="Pack" description={formatDateTime(shipment.packedAt)} />
            <Stepper.Step label="Ship" description={formatDateTime(shipment.shippedAt)} />
            <Stepper.Step
              label={
                shipment.status === 'returned' ? 'Returned' : shipment.status === 'lost' ? 'Lost' : 'Deliver'
              }
              description={formatDateTime(shipment.returnedAt ?? shipment.lostAt ?? shipment.deliveredAt)}
              color={shipment.status === 'returned' || shipment.status === 'lost' ? 'red' : undefined}
            />
          </Stepper>
        )}

        {canWrite && shipment.status === 'draft' ? (
          <Paper withBorder radius="md" p="md" aria-label="Pick">
            <Title order={4} mb={4}>
              Pick
            </Title>
            <Text size="sm">
              Print the pick list, take the units below from{' '}
              <strong>{warehouses.codeOf(shipment.warehouseId)}</strong>, then mark the shipment picked.{' '}
              {pickList ? (
                <Anchor href={pickList.url} target="_blank" rel="noopener" size="sm">
                  Print the pick list
                </Anchor>
              ) : null}
            </Text>
          </Paper>
        ) : null}
        {canWrite && shipment.status === 'picked' ? (
          <PackStep shipment={shipment} onDone={onChanged} />
        ) : null}
        {canWrite && shipment.status === 'packed' ? (
          <ShipStep shipment={shipment} onDone={onChanged} />
        ) : null}

        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Stack>
              <Panel title="Summary">
                <DataList size="sm" labelWidth={150}>
                  <Item label="Ship to">{formatAddress(shipment.shipTo)}</Item>
                  <Item label="Ship from">{warehouses.codeOf(shipment.warehouseId)}</Item>
                  <Item label="Carrier">
                    {shipment.carrier
                      ? `${shipment.carrier.name}${shipment.carrier.scac ? ` (SCAC ${shipment.carrier.scac})` : ''}`
                      : '—'}
                  </Item>
                  <Item label="Service">{shipment.service ?? '—'}</Item>
                  {shipment.proNumber ? <Item label="PRO number">{shipment.proNumber}</Item> : null}
                  {shipment.freightTerms ? (
                    <Item label="Freight terms">
                      {FREIGHT_TERMS_LABELS[shipment.freightTerms] ?? shipment.freightTerms}
                    </Item>
                  ) : null}
                  <Item label="Tracking">
                    {shipment.trackingNumbers.length === 0 ? (
                      '—'
                    ) : (
                      <Stack gap={2}>
                        {shipment.trackingNumbers.map((t) => (
                          <Group key={`${t.carrierId}:${t.trackingNumber}`} gap={6}>
                            {t.url ? (
                              <Anchor
                                href={t.url}
                                target="_blank"
                                rel="noopener noreferrer"
                                size="sm"
                                ff="monospace"
                              >
                                {t.trackingNumber}
                              </Anchor>
                            ) : (
                              <Text size="sm" ff="monospace">
                                {t.trackingNumber}
                              </Text>
                            )}
                            <Text size="xs" c="dimmed">
                              {carriers.nameOf(t.carrierId)}
                            </Text>
                          </Group>
                        ))}
                      </Stack>
                    )}
                  </Item>
                  <Item label="Invoice">
                    {shipment.invoiceId ? (
                      canSeeInvoices ? (
                        <RouterAnchor
                          to="/receivables/invoices/$invoiceId"
                          params={{ invoiceId: shipment.invoiceId }}
                          size="sm"
                        >
                          Open the invoice
                        </RouterAnchor>
                      ) : (
                        'Invoiced'
                      )
                    ) : (
                      'Not invoiced'
                    )}
                  </Item>
                  <Item label="Created">{formatDateTime(shipment.createdAt)}</Item>
                  {shipment.cancelledAt ? (
                    <Item label="Cancelled">{formatDateTime(shipment.cancelledAt)}</Item>
                  ) : null}
                </DataList>
              </Panel>
              <Panel title="Lines">
                <Table fz="sm" aria-label="Shipment lines">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>SKU</Table.Th>
                      <Table.Th>Description</Table.Th>
                      <Table.Th ta="right">Quantity</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shipment.lines.map((l) => (
                      <Table.Tr key={l.id}>
                        <Table.Td ff="monospace">{l.sku}</Table.Td>
                        <Table.Td>{l.description}</Table.Td>
                        <Table.Td ta="right">
                          {l.quantity} {l.unit}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Panel>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            {shippedOrLater ? (
              <TrackingPanel shipment={shipment} canWrite={canTrack} />
            ) : (
              <Panel title="Tracking">
                <Text size="sm" c="dimmed">
                  Tracking starts once the shipment ships with a tracking number.
                </Text>
              </Panel>
            )}
          </Grid.Col>
        </Grid>
        {shipment.packages.length > 0 ? (
          <Panel title="Packages">
            <Table.ScrollContainer minWidth={560}>
              <Table fz="sm" aria-label="Packages">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>SSCC</Table.Th>
                    <Table.Th>Packaging</Table.Th>
                    <Table.Th ta="right">Weight</Table.Th>
                    <Table.Th>Size (mm)</Table.Th>
                    <Table.Th>Contents</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shipment.packages.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>{p.sequence}</Table.Td>
                      <Table.Td ff="monospace" title={p.sscc}>
                        {p.ssccText}
                      </Table.Td>
                      <Table.Td>{p.packaging}</Table.Td>
                      <Table.Td ta="right">{formatKg(p.weightGrams)}</Table.Td>
                      <Table.Td>
                        {p.dimensionsMm
                          ? `${p.dimensionsMm.length} × ${p.dimensionsMm.width} × ${p.dimensionsMm.height}`
                          : '—'}
                      </Table.Td>
                      <Table.Td>
                        {p.contents
                          .map((c) => `${c.quantity} × ${linesById.get(c.shipmentLineId)?.sku ?? '?'}`)
                          .join(', ')}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Panel>
        ) : null}
        <DocumentsPanel shipment={shipment} />
      </Stack>

      <ConfirmModal
        opened={dialog === 'pick'}
        title="Mark picked"
        message="Every unit of the pick list has been taken from the shelves."
        confirmLabel="Mark picked"
        color="blue"
        loading={pick.isPending}
        error={pick.error}
        onConfirm={() => pick.mutate()}
        onClose={() => {
          setDialog(null);
          pick.reset();
        }}
      />
      {dialog === 'cancel' ? (
        <CancelShipmentModal shipment={shipment} onClose={() => setDialog(null)} onCancelled={onChanged} />
      ) : null}
      {dialog === 'invoice' ? (
        <InvoiceDraftModal
          description="A draft invoice for what this shipment carried, at the order's prices. Finance reviews and issues it."
          create={async (input) => {
            const result = await shipmentsApi.invoice(shipment.id, input);
            onChanged(result.shipment);
            void queryClient.invalidateQueries({ queryKey: ['invoices'] });
            return result;
          }}
          onClose={() => setDialog(null)}
          onCreated={(invoiceId) => {
            if (canSeeInvoices)
              void navigate({ to: '/receivables/invoices/$invoiceId', params: { invoiceId } });
          }}
        />
      ) : null}
    </>
  );
}

function CancelShipmentModal(props: {
  shipment: Shipment;
  onClose: () => void;
  onCancelled: (shipment: Shipment) => void;
}) {
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () => shipmentsApi.cancel(props.shipment.id, reason.trim() || null),
    onSuccess: (cancelled) => {
      props.onCancelled(cancelled);
      notifications.show({
        color: 'teal',
        title: `${cancelled.number} cancelled`,
        message: 'Its units are open on the order again.',
      });
      props.onClose();
    },
  });
  return (
    <Modal opened onClose={props.onClose} title="Cancel shipment">
      <ModalForm
        message={formError(cancel.error, ['reason'])}
        submitLabel="Cancel shipment"
        submitting={cancel.isPending}
        onSubmit={() => cancel.mutate()}
        onCancel={props.onClose}
      >
        <Text size="sm">
          Nothing has left the warehouse; the order's reservations stay for a new shipment.
        </Text>
        <Textarea
          label="Reason"
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldErrors(cancel.error).reason}
        />
      </ModalForm>
    </Modal>
  );
}
