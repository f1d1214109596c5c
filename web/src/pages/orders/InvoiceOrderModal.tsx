import { Modal, Select, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ordersApi } from '../../api/endpoints.js';
import { type Order, TAX_CATEGORIES, type TaxCategory } from '../../api/types.js';
import { ModalForm } from '../../components/ModalForm.js';
import { fieldErrors, formError } from '../../lib/fieldErrors.js';
import { orderName } from './badges.js';

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

/** Creates an invoice draft from a confirmed order (its lines and prices), with one tax category for all lines. */
export function InvoiceOrderModal(props: {
  order: Order;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const queryClient = useQueryClient();
  const [category, setCategory] = useState<TaxCategory>('S');
  const [rate, setRate] = useState('20');
  const mutation = useMutation({
    mutationFn: () =>
      ordersApi.invoice(props.order.id, {
        taxCategory: category,
        ...(category === 'S' || rate.trim() ? { taxRate: rate.trim() } : {}),
      }),
    onSuccess: (result) => {
      queryClient.setQueryData(['orders', 'detail', result.order.id], result.order);
      void queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['invoices'] });
      notifications.show({
        color: 'teal',
        title: 'Invoice draft created',
        message: `From ${orderName(result.order)}; review and issue it in Receivables.`,
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
        <Text size="sm">
          A draft invoice with the order's lines and prices. Finance reviews and issues it; the order links to
          it.
        </Text>
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
