import { Modal, Select, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ordersApi } from '../../api/endpoints.js';
import { type InvoiceFromOrderInput, type Order, TAX_CATEGORIES, type TaxCategory } from '../../api/types.js';
import { ModalForm } from '../../components/ModalForm.js';
import { fieldErrors, formError } from '../../lib/fieldErrors.js';

const CATEGORY_LABELS: Record<TaxCategory, string> = {
  S: 'S — standard rate',
  Z: 'Z — zero rated',
  E: 'E — exempt',
  AE: 'AE — reverse charge',
  K: 'K — intra-community supply',
  G: 'G — export outside the EU',
  O: 'O — outside the scope of VAT',
  L: 'L — Canary Islands IGIC',
  M: 'M — Ceuta and Melilla IPSI',
};

/**
 * Creates an invoice draft from an order or a shipment (its lines and prices), with one tax category
 * for every line; `create` calls the API and returns the new invoice's id.
 */
export function InvoiceDraftModal(props: {
  description: string;
  create: (input: InvoiceFromOrderInput) => Promise<{ invoiceId: string }>;
  onClose: () => void;
  onCreated: (invoiceId: string) => void;
}) {
  const [category, setCategory] = useState<TaxCategory>('S');
  const [rate, setRate] = useState('20');
  const mutation = useMutation({
    mutationFn: () =>
      props.create({
        taxCategory: category,
        ...(category === 'S' || rate.trim() ? { taxRate: rate.trim() } : {}),
      }),
    onSuccess: (result) => {
      notifications.show({
        color: 'teal',
        title: 'Invoice draft created',
        message: 'Finance reviews and issues it in Receivables.',
      });
      props.onCreated(result.invoiceId);
      props.onClose();
    },
  });
  const errors = fieldErrors(mutation.error);
  return (
    <Modal opened onClose={props.onClose} title="Create invoice">
      <ModalForm
        message={formError(mutation.error, ['taxCategory', 'taxRate'])}
        submitLabel="Create invoice draft"
        submitting={mutation.isPending}
        onSubmit={() => mutation.mutate()}
        onCancel={props.onClose}
      >
        <Text size="sm">{props.description}</Text>
        <Select
          label="Tax category"
          data={TAX_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
          value={category}
          onChange={(v) => setCategory(TAX_CATEGORIES.find((c) => c === v) ?? 'S')}
          allowDeselect={false}
          error={errors.taxCategory}
        />
        <TextInput
          label="Tax rate (%)"
          description="Required for the standard rate"
          inputMode="decimal"
          value={rate}
          onChange={(e) => setRate(e.currentTarget.value)}
          error={errors.taxRate}
        />
      </ModalForm>
    </Modal>
  );
}

/** An invoice draft from a confirmed order; the order links to it. */
export function InvoiceOrderModal(props: {
  order: Order;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const queryClient = useQueryClient();
  return (
    <InvoiceDraftModal
      description="A draft invoice with the order's lines and prices. Finance reviews and issues it; the order links to it."
      create={async (input) => {
        const result = await ordersApi.invoice(props.order.id, input);
        queryClient.setQueryData(['orders', 'detail', result.order.id], result.order);
        void queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
        void queryClient.invalidateQueries({ queryKey: ['invoices'] });
        return result;
      }}
      onClose={props.onClose}
      onCreated={props.onCreated}
    />
  );
}
