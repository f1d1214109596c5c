import { Group, Select } from '@mantine/core';
import { useState } from 'react';
import { type MovementFilters, stockApi } from '../../../api/endpoints.js';
import { MOVEMENT_KINDS, type MovementKind } from '../../../api/types.js';
import { PagedTable } from '../../../components/PagedTable.js';
import { titleCase } from '../../../lib/format.js';
import { useCursorList } from '../../../lib/useCursorList.js';
import { useWarehouses } from '../access.js';
import { MOVEMENT_COLUMNS, MovementRow, useProductsById } from './MovementRow.js';
import { type ProductRef, ProductSelect } from './ProductSelect.js';

const KIND_OPTIONS = MOVEMENT_KINDS.map((k) => ({ value: k, label: titleCase(k) }));

/** The movement ledger, newest first, filtered by product, warehouse and kind (or for one product). */
export function MovementsPanel(props: { productId?: string }) {
  const warehouses = useWarehouses();
  const [product, setProduct] = useState<ProductRef | null>(null);
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [kind, setKind] = useState<MovementKind | null>(null);
  const filters: MovementFilters = {
    productId: props.productId ?? product?.id ?? null,
    warehouseId,
    kind,
  };
  const list = useCursorList(['stock', 'movements', filters], (page) =>
    stockApi.movements({ ...filters, ...page }),
  );
  const products = useProductsById(list.items.map((m) => m.productId));
  const filtered = Boolean((!props.productId && product) || warehouseId || kind);

  return (
    <PagedTable
      list={list}
      label="Stock movements"
      minWidth={1000}
      columns={MOVEMENT_COLUMNS}
      empty={
        filtered
          ? 'No movements match these filters.'
          : 'No stock movements yet. Receive stock to start the ledger.'
      }
      noun="movement"
      toolbar={
        <Group mb="md" gap="sm" align="flex-end">
          {props.productId ? null : (
            <ProductSelect
              label="Product"
              placeholder="Any product"
              includeInactive
              value={product}
              onChange={setProduct}
              w={300}
            />
          )}
          <Select
            label="Warehouse"
            placeholder="Any warehouse"
            data={warehouses.options}
            value={warehouseId}
            onChange={setWarehouseId}
            clearable
            w={220}
          />
          <Select
            label="Kind"
            placeholder="Any kind"
            data={KIND_OPTIONS}
            value={kind}
            onChange={(v) => setKind(MOVEMENT_KINDS.find((k) => k === v) ?? null)}
            clearable
            w={170}
          />
        </Group>
      }
      row={(m) => (
        <MovementRow
          movement={m}
          product={products.get(m.productId)}
          warehouseCode={warehouses.codeOf(m.warehouseId)}
        />
      )}
    />
  );
}
