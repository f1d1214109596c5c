import { Button, Checkbox, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAdjustments, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { type StockLevelFilters, stockApi } from '../../../api/endpoints.js';
import type { StockLevel } from '../../../api/types.js';
import { PagedTable } from '../../../components/PagedTable.js';
import { RouterAnchor } from '../../../components/RouterAnchor.js';
import { ACTIONS_COLUMN, type Column } from '../../../components/TableHead.js';
import { useCursorList } from '../../../lib/useCursorList.js';
import { useWarehouses } from '../access.js';

export type LevelRow = StockLevel & { id: string };

const COLUMNS: Column[] = [
  { label: 'Product' },
  { label: 'Warehouse', w: 140 },
  { label: 'On hand', w: 110, ta: 'right' },
  { label: 'Reserved', w: 110, ta: 'right' },
  { label: 'Available', w: 110, ta: 'right' },
];

/** Stock levels per product and warehouse, by SKU; with "Adjust" per row for those who may. */
export function LevelsPanel(props: { onAdjust?: (level: StockLevel) => void }) {
  const warehouses = useWarehouses();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [short, setShort] = useState(false);
  const filters: StockLevelFilters = { q: debouncedQ, warehouseId, short: short ? 'true' : null };
  const list = useCursorList(['stock', 'levels', filters], async (page) => {
    const result = await stockApi.levels({ ...filters, ...page });
    return {
      ...result,
      items: result.items.map((l): LevelRow => ({ ...l, id: `${l.productId}:${l.warehouseId}` })),
    };
  });
  const onAdjust = props.onAdjust;

  return (
    <PagedTable
      list={list}
      label="Stock levels"
      minWidth={800}
      columns={onAdjust ? [...COLUMNS, ACTIONS_COLUMN] : COLUMNS}
      empty={
        debouncedQ || warehouseId || short
          ? 'No stock levels match these filters.'
          : 'No stock anywhere yet. Receive stock into a warehouse to see it here.'
      }
      noun="stock level"
      toolbar={
        <Group mb="md" gap="sm" align="flex-end">
          <TextInput
            label="Search products"
            placeholder="SKU, name or GTIN"
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={260}
          />
          <Select
            label="Warehouse"
            placeholder="Any warehouse"
            data={warehouses.options}
            value={warehouseId}
            onChange={setWarehouseId}
            clearable
            w={220}
          />
          <Checkbox
            label="Nothing available"
            checked={short}
            onChange={(e) => setShort(e.currentTarget.checked)}
            mb={8}
          />
        </Group>
      }
      row={(level) => (
        <Table.Tr>
          <Table.Td>
            <RouterAnchor
              to="/dispatch/products/$productId"
              params={{ productId: level.productId }}
              size="sm"
            >
              <Text span ff="monospace" size="sm">
                {level.sku}
              </Text>{' '}
              — {level.productName}
            </RouterAnchor>
          </Table.Td>
          <Table.Td>
            <Text size="sm" ff="monospace">
              {level.warehouseCode}
            </Text>
          </Table.Td>
          <Table.Td ta="right" data-column="on-hand">
            {level.onHand.toLocaleString()}
          </Table.Td>
          <Table.Td ta="right" data-column="reserved">
            {level.reserved.toLocaleString()}
          </Table.Td>
          <Table.Td ta="right" data-column="available">
            <Text size="sm" fw={600} c={level.available <= 0 ? 'red.7' : undefined}>
              {level.available.toLocaleString()}
            </Text>
          </Table.Td>
          {onAdjust ? (
            <Table.Td ta="right">
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconAdjustments size={14} />}
                onClick={() => onAdjust(level)}
                aria-label={`Adjust ${level.sku} in ${level.warehouseCode}`}
              >
                Adjust
              </Button>
            </Table.Td>
          ) : null}
        </Table.Tr>
      )}
    />
  );
}
