import { Alert, Grid, Modal, NumberInput, Select, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { stockApi } from '../../../api/endpoints.js';
import type { MoveResult, StockReference } from '../../../api/types.js';
import { ModalForm } from '../../../components/ModalForm.js';
import { formError } from '../../../lib/fieldErrors.js';
import { pathErrors } from '../../customers/formErrors.js';
import { useCanOverrideStock, useWarehouses } from '../access.js';
import { type ProductRef, ProductSelect, productLabel } from './ProductSelect.js';

export type MoveKind = 'receive' | 'adjust';

const FIELDS = ['productId', 'warehouseId', 'quantity', 'reason', 'override', 'reference'];

/**
 * Receive stock into a warehouse, or adjust on hand up or down with a reason. Opened from the stock
 * page or a product page, optionally with the product and warehouse chosen.
 */
export function StockMoveModal(props: {
  kind: MoveKind;
  product?: ProductRef | null;
  warehouseId?: string | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const warehouses = useWarehouses();
  const canOverride = useCanOverrideStock();
  const receiving = props.kind === 'receive';
  const [product, setProduct] = useState<ProductRef | null>(props.product ?? null);
  const [warehouseId, setWarehouseId] = useState<string | null>(
    props.warehouseId ?? (warehouses.items.length === 1 ? (warehouses.items[0]?.id ?? null) : null),
  );
  const [quantity, setQuantity] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState(false);
  const [refType, setRefType] = useState('');
  const [refId, setRefId] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const mutation = useMutation({
    mutationFn: (): Promise<MoveResult> => {
      const errors: Record<string, string> = {};
      if (!product) errors.productId = 'Choose a product';
      if (!warehouseId) errors.warehouseId = 'Choose a warehouse';
      if (typeof quantity !== 'number' || !Number.isInteger(quantity))
        errors.quantity = 'Enter a whole number';
      else if (receiving && quantity < 1) errors.quantity = 'Must be at least 1';
      else if (!receiving && quantity === 0) errors.quantity = 'Must not be zero';
      if (!receiving && !reason.trim()) errors.reason = 'Say why (damaged, stock count, found, …)';
      setLocalErrors(errors);
      if (Object.keys(errors).length > 0 || !product || !warehouseId || typeof quantity !== 'number')
        return Promise.reject(new Error('Please correct the highlighted fields.'));
      const reference: StockReference | null =
        refType.trim() && refId.trim() ? { type: refType.trim(), id: refId.trim() } : null;
      const base = { productId: product.id, warehouseId, quantity, reference };
      return receiving
        ? stockApi.receive(base)
        : stockApi.adjust({ ...base, reason: reason.trim(), override: canOverride && override });
    },
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['stock'] });
      notifications.show({
        color: 'teal',
        title: receiving ? 'Stock received' : 'Stock adjusted',
        message: `${product ? productLabel(product) : ''}: on hand ${result.level.onHand}, available ${result.level.available}`,
      });
      props.onClose();
    },
  });

  const errors = { ...pathErrors(mutation.error), ...localErrors };
  const message =
    Object.keys(localErrors).length > 0
      ? 'Please correct the highlighted fields.'
      : formError(mutation.error, FIELDS);

  return (
    <Modal opened onClose={props.onClose} title={receiving ? 'Receive stock' : 'Adjust stock'} size="lg">
      <ModalForm
        message={message}
        submitLabel={receiving ? 'Receive' : 'Adjust'}
        submitting={mutation.isPending}
        onSubmit={() => mutation.mutate()}
        onCancel={props.onClose}
      >
        <Text size="sm" c="dimmed">
          {receiving
            ? 'Adds to on hand in the warehouse (a receipt movement in the ledger).'
            : 'Changes on hand up or down, with the reason recorded in the ledger. Reserved stock is not touched.'}
        </Text>
        <ProductSelect
          label="Product"
          required
          value={product}
          onChange={setProduct}
          error={errors.productId}
        />
        <Select
          label="Warehouse"
          required
          data={warehouses.options}
          value={warehouseId}
          onChange={setWarehouseId}
          allowDeselect={false}
          placeholder={warehouses.items.length === 0 ? 'No warehouse yet' : 'Choose a warehouse'}
          error={errors.warehouseId}
        />
        <NumberInput
          label={receiving ? 'Quantity received' : 'Change in on hand'}
          description={receiving ? 'In the product’s unit' : '+ adds to on hand, − removes (e.g. -3)'}
          required
          allowDecimal={false}
          allowNegative={!receiving}
          value={quantity}
          onChange={setQuantity}
          error={errors.quantity}
        />
        {receiving ? null : (
          <Textarea
            label="Reason"
            description="Recorded in the ledger: damaged, stock count, found, …"
            required
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
          />
        )}
        <Grid gap="xs">
          <Grid.Col span={6}>
            <TextInput
              label="Reference type"
              placeholder={receiving ? 'e.g. purchase_order' : 'optional'}
              value={refType}
              onChange={(e) => setRefType(e.currentTarget.value)}
              error={errors.reference}
            />
          </Grid.Col>
          <Grid.Col span={6}>
            <TextInput
              label="Reference id"
              placeholder={receiving ? 'e.g. PO-1042' : 'optional'}
              value={refId}
              onChange={(e) => setRefId(e.currentTarget.value)}
            />
          </Grid.Col>
        </Grid>
        {!receiving && canOverride ? (
          <>
            <Switch
              label="Override: allow available stock to go below zero"
              checked={override}
              onChange={(e) => setOverride(e.currentTarget.checked)}
            />
            {override ? (
              <Alert
                color="orange"
                icon={<IconAlertTriangle size={18} />}
                title="Reserved stock may be short"
              >
                Without the override, an adjustment that would leave less on hand than is reserved for orders
                is refused. With it, the adjustment goes through, orders may not be fillable, and the override
                is recorded in the ledger and the audit trail.
              </Alert>
            ) : null}
          </>
        ) : null}
      </ModalForm>
    </Modal>
  );
}
