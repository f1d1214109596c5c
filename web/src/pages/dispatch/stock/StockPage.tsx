import { Box, Button, Tabs } from '@mantine/core';
import {
  IconAdjustments,
  IconBuildingWarehouse,
  IconDownload,
  IconList,
  IconPackageImport,
  IconStack2,
} from '@tabler/icons-react';
import { useState } from 'react';
import { stockApi } from '../../../api/endpoints.js';
import { EmptyPanel } from '../../../components/EmptyPanel.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { QueryError } from '../../../components/QueryError.js';
import { useCanWriteCatalog, useWarehouses } from '../access.js';
import { LevelsPanel } from './LevelsPanel.js';
import { MovementsPanel } from './MovementsPanel.js';
import type { ProductRef } from './ProductSelect.js';
import { type MoveKind, StockMoveModal } from './StockMoveModal.js';
import { WarehouseFormModal } from './WarehouseFormModal.js';

interface Moving {
  kind: MoveKind;
  product?: ProductRef;
  warehouseId?: string;
}

/** Stock: levels per product and warehouse, the movement ledger, and receiving and adjusting stock. */
export function StockPage() {
  const canWrite = useCanWriteCatalog();
  const warehouses = useWarehouses();
  const [moving, setMoving] = useState<Moving | null>(null);
  const [creatingWarehouse, setCreatingWarehouse] = useState(false);
  const noWarehouse = warehouses.query.isSuccess && warehouses.items.length === 0;

  return (
    <>
      <PageHeader
        title="Stock"
        description="On hand, reserved for orders and available, per product and warehouse; every change is a movement in the ledger."
        actions={
          <>
            <Button
              component="a"
              href={stockApi.countsCsvUrl({})}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              Count sheet CSV
            </Button>
            {canWrite ? (
              <>
                <Button
                  variant="default"
                  leftSection={<IconBuildingWarehouse size={16} />}
                  onClick={() => setCreatingWarehouse(true)}
                >
                  New warehouse
                </Button>
                <Button
                  variant="default"
                  leftSection={<IconAdjustments size={16} />}
                  onClick={() => setMoving({ kind: 'adjust' })}
                  disabled={noWarehouse}
                >
                  Adjust
                </Button>
                <Button
                  leftSection={<IconPackageImport size={16} />}
                  onClick={() => setMoving({ kind: 'receive' })}
                  disabled={noWarehouse}
                >
                  Receive
                </Button>
              </>
            ) : null}
          </>
        }
      />
      {warehouses.query.isError ? (
        <QueryError error={warehouses.query.error} onRetry={() => void warehouses.query.refetch()} />
      ) : noWarehouse ? (
        <Box mb="md">
          <EmptyPanel
            icon={<IconBuildingWarehouse size={28} />}
            title="No warehouse yet"
            description={
              canWrite
                ? 'Stock is kept per warehouse. Create a warehouse first, then receive stock into it.'
                : 'Stock is kept per warehouse, and none has been set up yet. Ask an administrator or logistics.'
            }
          />
        </Box>
      ) : null}
      <Tabs defaultValue="levels" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="levels" leftSection={<IconStack2 size={16} />}>
            Levels
          </Tabs.Tab>
          <Tabs.Tab value="movements" leftSection={<IconList size={16} />}>
            Movements
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="levels">
          <LevelsPanel
            {...(canWrite
              ? {
                  onAdjust: (level) =>
                    setMoving({
                      kind: 'adjust',
                      product: { id: level.productId, sku: level.sku, name: level.productName },
                      warehouseId: level.warehouseId,
                    }),
                }
              : {})}
          />
        </Tabs.Panel>
        <Tabs.Panel value="movements">
          <MovementsPanel />
        </Tabs.Panel>
      </Tabs>
      {moving ? (
        <StockMoveModal
          kind={moving.kind}
          product={moving.product ?? null}
          warehouseId={moving.warehouseId ?? null}
          onClose={() => setMoving(null)}
        />
      ) : null}
      {creatingWarehouse ? <WarehouseFormModal onClose={() => setCreatingWarehouse(false)} /> : null}
    </>
  );
}
