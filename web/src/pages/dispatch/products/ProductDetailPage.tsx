import {
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  IconAdjustments,
  IconArrowLeft,
  IconPackageImport,
  IconPencil,
  IconQuestionMark,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { isApiError } from '../../../api/client.js';
import { productsApi, stockApi } from '../../../api/endpoints.js';
import type { Product } from '../../../api/types.js';
import { EmptyPanel } from '../../../components/EmptyPanel.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { QueryError } from '../../../components/QueryError.js';
import { RouterAnchor } from '../../../components/RouterAnchor.js';
import { TableHead } from '../../../components/TableHead.js';
import { TableStatus } from '../../../components/TableStatus.js';
import { formatMoney } from '../../../lib/money.js';
import { countryName } from '../../customers/countries.js';
import { useCanWriteCatalog } from '../access.js';
import { MovementsPanel } from '../stock/MovementsPanel.js';
import { type MoveKind, StockMoveModal } from '../stock/StockMoveModal.js';
import { ProductFormModal } from './ProductFormModal.js';

function BackLink() {
  return (
    <RouterAnchor
      to="/dispatch/products"
      size="sm"
      mb="xs"
      display="inline-flex"
      style={{ alignItems: 'center', gap: 4 }}
    >
      <IconArrowLeft size={14} /> Products
    </RouterAnchor>
  );
}

export function ProductDetailPage(props: { productId: string }) {
  const query = useQuery({
    queryKey: ['products', 'detail', props.productId],
    queryFn: () => productsApi.get(props.productId),
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
        <BackLink />
        {isApiError(query.error, 404) ? (
          <EmptyPanel
            icon={<IconQuestionMark size={28} />}
            title="Product not found"
            description="There is no product with this id. It may have been mistyped in the address."
            role="alert"
          />
        ) : (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        )}
      </>
    );
  return <ProductDetail product={query.data} />;
}

function Field(props: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text size="sm">{props.children}</Text>
    </div>
  );
}

function ProductDetail(props: { product: Product }) {
  const { product: p } = props;
  const canWrite = useCanWriteCatalog();
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState<{ kind: MoveKind; warehouseId?: string } | null>(null);
  const levels = useQuery({
    queryKey: ['stock', 'levels', { productId: p.id, all: true }],
    queryFn: () => stockApi.levels({ productId: p.id, limit: 500 }),
  });

  return (
    <>
      <BackLink />
      <PageHeader
        title={p.name}
        description={
          <Group gap="xs" component="span">
            <Text span ff="monospace" size="sm">
              {p.sku}
            </Text>
            <Badge variant="light" color={p.active ? 'teal' : 'gray'} radius="sm">
              {p.active ? 'active' : 'inactive'}
            </Badge>
          </Group>
        }
        actions={
          canWrite ? (
            <>
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => setEditing(true)}
              >
                Edit
              </Button>
              <Button
                variant="default"
                leftSection={<IconAdjustments size={16} />}
                onClick={() => setMoving({ kind: 'adjust' })}
              >
                Adjust
              </Button>
              <Button
                leftSection={<IconPackageImport size={16} />}
                onClick={() => setMoving({ kind: 'receive' })}
              >
                Receive
              </Button>
            </>
          ) : null
        }
      />
      <Stack gap="lg">
        <Paper withBorder radius="md" p="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            <Field label="GTIN">{p.gtin ?? '—'}</Field>
            <Field label="Unit">{p.unit}</Field>
            <Field label="Weight">
              {p.weightGrams === null ? '—' : `${p.weightGrams.toLocaleString()} g`}
            </Field>
            <Field label="Dimensions (L × W × H)">
              {p.dimensionsMm
                ? `${p.dimensionsMm.length} × ${p.dimensionsMm.width} × ${p.dimensionsMm.height} mm`
                : '—'}
            </Field>
            <Field label="HS code">{p.hsCode ?? '—'}</Field>
            <Field label="Country of origin">
              {p.countryOfOrigin ? `${countryName(p.countryOfOrigin)} (${p.countryOfOrigin})` : '—'}
            </Field>
            <Field label="Price">{p.price ? formatMoney(p.price.amount, p.price.currency) : '—'}</Field>
          </SimpleGrid>
        </Paper>

        <div>
          <Title order={4} mb="xs">
            Stock per warehouse
          </Title>
          <Paper withBorder radius="md" p="md">
            {levels.isError ? (
              <QueryError error={levels.error} onRetry={() => void levels.refetch()} />
            ) : (
              <Table aria-label="Stock per warehouse">
                <TableHead
                  columns={[
                    'Warehouse',
                    { label: 'On hand', ta: 'right' },
                    { label: 'Reserved', ta: 'right' },
                    { label: 'Available', ta: 'right' },
                  ]}
                />
                <Table.Tbody>
                  {!levels.data || levels.data.items.length === 0 ? (
                    <TableStatus
                      colSpan={4}
                      loading={levels.isPending}
                      empty="No stock in any warehouse yet."
                    />
                  ) : (
                    levels.data.items.map((l) => (
                      <Table.Tr key={l.warehouseId}>
                        <Table.Td ff="monospace">{l.warehouseCode}</Table.Td>
                        <Table.Td ta="right">{l.onHand.toLocaleString()}</Table.Td>
                        <Table.Td ta="right">{l.reserved.toLocaleString()}</Table.Td>
                        <Table.Td ta="right" fw={600} c={l.available <= 0 ? 'red.7' : undefined}>
                          {l.available.toLocaleString()}
                        </Table.Td>
                      </Table.Tr>
                    ))
                  )}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        </div>

        <div>
          <Title order={4} mb="xs">
            Recent movements
          </Title>
          <MovementsPanel productId={p.id} />
        </div>
      </Stack>

      {editing ? <ProductFormModal product={p} onClose={() => setEditing(false)} /> : null}
      {moving ? (
        <StockMoveModal
          kind={moving.kind}
          product={p}
          warehouseId={moving.warehouseId ?? null}
          onClose={() => setMoving(null)}
        />
      ) : null}
    </>
  );
}
